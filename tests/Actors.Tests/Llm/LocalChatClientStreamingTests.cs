using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class LocalChatClientStreamingTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string[]> Conversations => new()
    {
        new[] { "hello there, friend" },
        new[] { "alpha", "beta", "what did I say first?" },
        new[] { "My name is Zoe", "what is my name?" },
        new[] { "remember  the   spaced\ttext", "what did I ask you to remember?" },
        new[] { "a", "b", "c", "how many messages?" },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task GetStreamingResponseAsync_AnyConversation_ConcatenationEqualsNonStreamingReply(string[] userMessages)
    {
        var client = new LocalChatClient();
        var messages = LocalConversations.Of(userMessages);

        var updates = await client.GetStreamingResponseAsync(messages).ToListAsync();
        var response = await client.GetResponseAsync(messages);

        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(response.Usage?.OutputTokenCount, updates.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Reply_YieldsWordTokensWithTrailingSpace()
    {
        var client = new LocalChatClient();

        var updates = await client.GetStreamingResponseAsync(LocalConversations.Of("hello")).ToListAsync();

        Assert.Equal(["You ", "said: ", "\"hello\". ", "This ", "conversation ", "has ", "0 ", "earlier ", "messages."], updates.Select(u => u.Text));
        Assert.All(updates, u => Assert.Equal("jido-local-1", u.ModelId));
        Assert.All(updates.SkipLast(1), u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal(9, updates[^1].Contents.OfType<UsageContent>().Single().Details.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledMidStream_ThrowsOperationCanceled()
    {
        var client = new LocalChatClient();
        using var cancellation = new CancellationTokenSource();
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(
                LocalConversations.Of("hello"), cancellationToken: cancellation.Token))
            {
                received.Add(update.Text);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["You "], received);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TokenDelay_HoldsEachTokenUntilTimeAdvances()
    {
        var time = new WatchedTimeProvider();
        var client = new LocalChatClient(new LocalChatClientOptions { TokenDelay = TimeSpan.FromSeconds(1) }, time);
        await using var stream = client.GetStreamingResponseAsync(LocalConversations.Of("hello")).GetAsyncEnumerator();
        var firstMove = stream.MoveNextAsync().AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1)).WaitAsync(WaitLimit);

        var completedBeforeAdvance = firstMove.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        var moved = await firstMove.WaitAsync(WaitLimit);

        Assert.False(completedBeforeAdvance);
        Assert.True(moved);
        Assert.Equal("You ", stream.Current.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TokenDelayCancelledWhileHeld_ThrowsOperationCanceled()
    {
        var time = new WatchedTimeProvider();
        var client = new LocalChatClient(new LocalChatClientOptions { TokenDelay = TimeSpan.FromSeconds(1) }, time);
        using var cancellation = new CancellationTokenSource();
        var call = client.GetStreamingResponseAsync(LocalConversations.Of("hello"), cancellationToken: cancellation.Token)
            .ToListAsync().AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1)).WaitAsync(WaitLimit);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(WaitLimit));
    }

    [Fact]
    public async Task GetResponseAsync_TokenDelay_WaitsOnePerWord()
    {
        var time = new WatchedTimeProvider();
        var client = new LocalChatClient(new LocalChatClientOptions { TokenDelay = TimeSpan.FromSeconds(1) }, time);
        var call = client.GetResponseAsync(LocalConversations.Of("hello"));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(9)).WaitAsync(WaitLimit);

        time.Advance(TimeSpan.FromSeconds(9));
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal(9, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MaxOutputTokensZero_StillSendsFinishReason()
    {
        var client = new LocalChatClient();

        var updates = await client.GetStreamingResponseAsync(
            LocalConversations.Of("hello"), new ChatOptions { MaxOutputTokens = 0 }).ToListAsync();

        var update = Assert.Single(updates);
        Assert.Equal(string.Empty, update.Text);
        Assert.Equal(ChatFinishReason.Length, update.FinishReason);
    }
}
