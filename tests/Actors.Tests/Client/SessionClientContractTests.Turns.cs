using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>Turns: replies, history, streaming, isolation between callers.</summary>
public abstract partial class SessionClientContractTests
{
    [Fact]
    public async Task Send_TwoCallers_EachReplyReflectsOnlyItsOwnHistory()
    {
        var callA = (await Client.GetOrCreateAsync(SessionKey.Parse("call-A"))).Session.Id;
        var callB = (await Client.GetOrCreateAsync(SessionKey.Parse("call-B"))).Session.Id;

        await Task.WhenAll(Client.SendAsync(callA, "my name is Alice"), Client.SendAsync(callB, "my name is Bob"));
        var replies = await Task.WhenAll(Client.SendAsync(callA, "what did I say first?"), Client.SendAsync(callB, "what did I say first?"));

        Assert.Contains("Alice", replies[0].Text);
        Assert.DoesNotContain("Bob", replies[0].Text);
        Assert.Contains("Bob", replies[1].Text);
        Assert.DoesNotContain("Alice", replies[1].Text);
    }

    [Fact]
    public async Task Send_Turn_AppendsUserAndAssistantMessagesToHistory()
    {
        var session = await Client.CreateAsync();

        var reply = await Client.SendAsync(session.Id, "hello there");
        var history = await Client.GetHistoryAsync(session.Id);

        Assert.Collection(history,
            user => Assert.Equal((MessageRole.User, "hello there"), (user.Role, user.Text)),
            assistant => Assert.Equal((MessageRole.Assistant, reply.Text, reply.Sequence), (assistant.Role, assistant.Text, assistant.Sequence)));
        Assert.Equal(2, (await Client.GetInfoAsync(session.Id)).MessageCount);
    }

    [Fact]
    public async Task SendStreaming_Deltas_ConcatenateToTheCompletedReply()
    {
        var session = await Client.CreateAsync();

        var updates = new List<TurnUpdate>();
        await foreach (var update in Client.SendStreamingAsync(session.Id, "tell me something"))
        {
            updates.Add(update);
        }

        var completed = Assert.Single(updates, u => u.Completed is not null).Completed!;
        Assert.Equal(completed.Text, string.Concat(updates.Select(u => u.Delta)));
        Assert.True(updates.Count(u => u.Delta.Length > 0) > 1);
        Assert.Equal(2, (await Client.GetHistoryAsync(session.Id)).Count);
    }

    [Fact]
    public async Task Send_BlankMessage_IsRejectedAndChangesNothing()
    {
        var session = await Client.CreateAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.SendAsync(session.Id, "   "));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Empty(await Client.GetHistoryAsync(session.Id));
    }

    [Fact]
    public async Task Send_WithMaxOutputTokens_TheModelStopsThereForThatTurnOnly()
    {
        var session = await Client.CreateAsync();
        const string Long = "please tell me a long story about a lighthouse keeper and the sea";

        var cut = await Client.SendAsync(session.Id, Long, new TurnOptions { MaxOutputTokens = 2 });
        var whole = await Client.SendAsync(session.Id, Long);

        Assert.Equal(2, cut.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(whole.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 2, whole.Text);
    }

    [Fact]
    public async Task Send_InvalidOptions_IsRejectedNamingThemAndChangesNothing()
    {
        var session = await Client.CreateAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Client.SendAsync(session.Id, "hi", new TurnOptions { Temperature = 5, Stop = ["1", "2", "3", "4", "5"] }));

        Assert.Equal(["stop", "temperature"], error.Errors.Keys.Order());
        Assert.Empty(await Client.GetHistoryAsync(session.Id));
    }

    [Fact]
    public async Task CancelTurn_WhenIdle_ReturnsFalse()
    {
        var session = await Client.CreateAsync();

        Assert.False(await Client.CancelTurnAsync(session.Id));
    }
}
