using Akka.Actor;
using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Llm;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.Actors.Support;
using JidoSessions.TestKit;

namespace JidoSessions.Actors.Tests.Agent;

// Provider and context failures, and the agent stopping mid-turn.
public sealed partial class LlmAgentTests
{
    [Fact]
    public async Task RunTurn_ProviderFails_FailsWithItsKindAppendsNothingAndTheNextTurnWorks()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var caller = CreateTestProbe();
        caller.Send(session.Agent, new RunTurn("hi", null, Config()));

        (await chat.NextCallAsync()).Fail(new LlmProviderException(LlmFailureKind.RateLimited, "slow down", statusCode: 429));

        var failure = await caller.ExpectMsgAsync<FailureReply>();
        var error = Assert.IsType<TurnFailedException>(failure.Error);
        Assert.Equal("RateLimited", error.Kind);
        Assert.Empty(await HistoryAsync(session.Context));
        caller.Send(session.Agent, new RunTurn("hi again", null, Config()));
        (await chat.NextCallAsync()).Reply("hello");
        Assert.Equal("hello", (await caller.ExpectMsgAsync<MessageReply>()).Text);
    }

    [Fact]
    public async Task RunTurn_StreamFailsWithUntypedException_KindIsTheExceptionTypeName()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var caller = CreateTestProbe();
        caller.Send(session.Agent, new RunTurn("hi", caller, Config()));
        var call = await chat.NextCallAsync();
        call.Delta("par");
        await caller.ExpectMsgAsync(new TurnDelta("par"));

        call.Fail(new InvalidOperationException("connection reset"));

        var failure = await caller.ExpectMsgAsync<FailureReply>();
        Assert.Equal(nameof(InvalidOperationException), Assert.IsType<TurnFailedException>(failure.Error).Kind);
        await caller.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Empty(await HistoryAsync(session.Context));
    }

    [Fact]
    public async Task RunTurn_ContextDoesNotAnswer_FailsWithContextTimeoutWithoutCallingTheModel()
    {
        var chat = new ScriptedChatClient();
        var silentContext = CreateTestProbe();
        var session = Start(chat, TimeSpan.FromMilliseconds(200), silentContext);
        var caller = CreateTestProbe();

        caller.Send(session.Agent, new RunTurn("hi", null, Config()));

        await silentContext.ExpectMsgAsync<BuildContext>();
        var failure = await caller.ExpectMsgAsync<FailureReply>();
        Assert.Equal(ProviderFailure.ContextTimeout, Assert.IsType<TurnFailedException>(failure.Error).Kind);
        Assert.Null(chat.TryTakeCall());
    }

    [Fact]
    public async Task Stop_MidTurnWithQueuedTurn_AnswersEveryWaitingCaller()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var (running, queued) = (CreateTestProbe(), CreateTestProbe());
        running.Send(session.Agent, new RunTurn("one", null, Config()));
        var call = await chat.NextCallAsync();
        queued.Send(session.Agent, new RunTurn("two", null, Config()));

        // A PoisonPill goes through the mailbox after "two", so the queued turn is waiting when the agent stops.
        var watcher = CreateTestProbe();
        watcher.Watch(session.Agent);
        session.Agent.Tell(PoisonPill.Instance);
        await watcher.ExpectTerminatedAsync(session.Agent);

        await running.ExpectMsgAsync<FailureReply>(f => f.Error is SessionUnavailableException);
        await queued.ExpectMsgAsync<FailureReply>(f => f.Error is TurnCancelledException);
        Assert.True(call.Token.IsCancellationRequested);

        // The agent has stopped and answered both: the queued turn never reached the model.
        Assert.Null(chat.TryTakeCall());
    }
}
