using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Llm;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.TestKit;

namespace JidoSessions.Actors.Tests.Agent;

// Streaming, disconnects, and the local model answering from the session's own history.
public sealed partial class LlmAgentTests
{
    [Fact]
    public async Task RunTurn_Streaming_DeltasArriveInOrderAndTheReplyIsTheirConcatenation()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var receiver = CreateTestProbe();
        receiver.Send(session.Agent, new RunTurn("count", receiver, Config()));
        var call = await chat.NextCallAsync();

        foreach (var piece in new[] { "one, ", "two, ", "three" })
        {
            call.Delta(piece);
        }

        call.Complete();

        var received = await receiver.ReceiveNAsync(4).ToListAsync();
        Assert.True(call.Streaming);
        Assert.Equal(["one, ", "two, ", "three"], received.Take(3).Cast<TurnDelta>().Select(d => d.Text));
        var reply = Assert.IsType<MessageReply>(received[3]);
        Assert.Equal("one, two, three", reply.Text);
        await receiver.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal("one, two, three", (await HistoryAsync(session.Context))[^1].Text);
    }

    [Fact]
    public async Task RunTurn_StreamReceiverStoppedMidStream_TheTurnIsStillAppended()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var receiver = CreateTestProbe();
        receiver.Send(session.Agent, new RunTurn("long answer please", receiver, Config()));
        var call = await chat.NextCallAsync();
        call.Delta("first part, ");
        await receiver.ExpectMsgAsync(new TurnDelta("first part, "));

        await StopAsync(receiver.Ref);
        call.Delta("second part");
        call.Complete();

        await AwaitAssertAsync(async () =>
            Assert.Equal(["long answer please", "first part, second part"], (await HistoryAsync(session.Context)).Select(e => e.Text)));
        Assert.False(call.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task RunTurn_WithLocalChatClient_AnswersWhatWasSaidFirstFromThisSessionsHistory()
    {
        var session = Start(new LocalChatClient());
        var other = Start(new LocalChatClient());
        var caller = CreateTestProbe();
        caller.Send(session.Agent, new RunTurn("My favourite colour is teal.", null, Config()));
        await caller.ExpectMsgAsync<MessageReply>();
        caller.Send(session.Agent, new RunTurn("Something else entirely.", null, Config()));
        await caller.ExpectMsgAsync<MessageReply>();

        caller.Send(session.Agent, new RunTurn("What did I say first?", null, Config()));
        var answer = await caller.ExpectMsgAsync<MessageReply>();
        caller.Send(other.Agent, new RunTurn("What did I say first?", null, Config()));
        var otherAnswer = await caller.ExpectMsgAsync<MessageReply>();

        Assert.Contains("My favourite colour is teal.", answer.Text, StringComparison.Ordinal);
        Assert.Equal(6, answer.Sequence);
        Assert.DoesNotContain("teal", otherAnswer.Text, StringComparison.Ordinal);
    }
}
