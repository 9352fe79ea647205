using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Tests.Context;
using JidoSessions.Client;
using Akka.Actor;
using Microsoft.Extensions.AI;
using JidoSessions.Actors.Support;
using JidoSessions.TestKit;

namespace JidoSessions.Actors.Tests.Agent;

public sealed partial class LlmAgentTests : ContextTestKit
{
    private static ResolvedConfig Config(DoubleTextingPolicy policy = DoubleTextingPolicy.Enqueue) =>
        new("test-model", null, "You are terse.", MaxHistory: 100, MaxFiles: 10, TokenBudget: 8000, policy);

    private AgentSession Start(IChatClient chat, TimeSpan? contextTimeout = null, IActorRef? context = null)
    {
        var id = SessionId.New();
        context ??= StartContext(id);
        var agent = Sys.ActorOf(Props.Create(() => new LlmAgent(id, Tenant, context, chat, contextTimeout ?? AskTimeout, TimeProvider.System)));
        return new AgentSession(id, agent, context);
    }

    private static IEnumerable<string> Texts(ScriptedCall call) => call.Messages.Select(m => m.Text);

    [Fact]
    public async Task RunTurn_Idle_RepliesWithAssistantSequenceAndAppendsBothMessages()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var caller = CreateTestProbe();

        caller.Send(session.Agent, new RunTurn("hi", null, Config()));
        var call = await chat.NextCallAsync();
        call.Reply("hello");

        var reply = await caller.ExpectMsgAsync<MessageReply>();
        Assert.Equal((session.Id, "hello", 2L, "test-model"), (reply.SessionId, reply.Text, reply.Sequence, reply.Model));
        Assert.Equal("test-model", call.Options?.ModelId);
        Assert.Equal([(ChatRole.System, "You are terse."), (ChatRole.User, "hi")], call.Messages.Select(m => (m.Role, m.Text)));
        Assert.Equal(["hi", "hello"], (await HistoryAsync(session.Context)).Select(e => e.Text));
    }

    [Fact]
    public async Task RunTurn_SecondWhileFirstRuns_IsQueuedAndRunsAfterTheFirstInOrder()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        first.Send(session.Agent, new RunTurn("one?", null, Config()));
        var firstCall = await chat.NextCallAsync();

        second.Send(session.Agent, new RunTurn("two?", null, Config()));
        firstCall.Reply("one!");

        Assert.Equal(2, (await first.ExpectMsgAsync<MessageReply>()).Sequence);
        // The call after the first carries "one!": the second turn reached the model only after the first had ended.
        var secondCall = await chat.NextCallAsync();
        Assert.Equal(["You are terse.", "one?", "one!", "two?"], Texts(secondCall));
        secondCall.Reply("two!");
        Assert.Equal(4, (await second.ExpectMsgAsync<MessageReply>()).Sequence);
        Assert.Equal(["one?", "one!", "two?", "two!"], (await HistoryAsync(session.Context)).Select(e => e.Text));
    }

    [Fact]
    public async Task RunTurn_RejectPolicyMidTurn_FailsAtOnceAndTheRunningTurnCompletes()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        first.Send(session.Agent, new RunTurn("one?", null, Config()));
        var call = await chat.NextCallAsync();

        second.Send(session.Agent, new RunTurn("two?", null, Config(DoubleTextingPolicy.Reject)));

        await second.ExpectMsgAsync<FailureReply>(f => f.Error is TurnInProgressException);
        call.Reply("one!");
        await first.ExpectMsgAsync<MessageReply>();

        // The rejection came before the first turn ended, so the rejected message had its chance: it never called.
        Assert.Null(chat.TryTakeCall());
        Assert.Equal(["one?", "one!"], (await HistoryAsync(session.Context)).Select(e => e.Text));
    }

    [Fact]
    public async Task RunTurn_InterruptPolicyMidTurn_CancelsItKeepsWhatWasSaidThenRunsTheNewMessage()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var (first, stream, second) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        first.Send(session.Agent, new RunTurn("tell me a story", stream, Config()));
        var storyCall = await chat.NextCallAsync();
        storyCall.Delta("Once ");
        storyCall.Delta("upon");
        await stream.ExpectMsgAsync(new TurnDelta("Once "));
        await stream.ExpectMsgAsync(new TurnDelta("upon"));

        second.Send(session.Agent, new RunTurn("stop! what time is it?", null, Config(DoubleTextingPolicy.Interrupt)));

        await first.ExpectMsgAsync<FailureReply>(f => f.Error is TurnCancelledException);
        await stream.ExpectMsgAsync<FailureReply>(f => f.Error is TurnCancelledException);
        Assert.True(storyCall.Token.IsCancellationRequested);
        var nextCall = await chat.NextCallAsync();
        Assert.Equal(["You are terse.", "tell me a story", "Once upon [interrupted]", "stop! what time is it?"], Texts(nextCall));
        nextCall.Reply("noon");
        Assert.Equal(4, (await second.ExpectMsgAsync<MessageReply>()).Sequence);
        Assert.Equal(
            ["tell me a story", "Once upon [interrupted]", "stop! what time is it?", "noon"],
            (await HistoryAsync(session.Context)).Select(e => e.Text));
    }

    [Fact]
    public async Task RunTurn_InterruptBeforeAnyText_RecordsTheUserMessageAndAMarker()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        first.Send(session.Agent, new RunTurn("slow question", null, Config()));
        await chat.NextCallAsync();

        second.Send(session.Agent, new RunTurn("never mind", null, Config(DoubleTextingPolicy.Interrupt)));

        await first.ExpectMsgAsync<FailureReply>(f => f.Error is TurnCancelledException);
        (await chat.NextCallAsync()).Reply("ok");
        await second.ExpectMsgAsync<MessageReply>();
        Assert.Equal(["slow question", "[interrupted]", "never mind", "ok"], (await HistoryAsync(session.Context)).Select(e => e.Text));
    }

    [Fact]
    public async Task CancelRunningTurn_MidTurn_RepliesTrueCallerGetsCancelledAndNothingIsAppended()
    {
        var chat = new ScriptedChatClient();
        var session = Start(chat);
        var caller = CreateTestProbe();
        caller.Send(session.Agent, new RunTurn("hi", null, Config()));
        var call = await chat.NextCallAsync();

        var cancelled = await session.Agent.Ask<bool>(CancelRunningTurn.Instance, AskTimeout);

        Assert.True(cancelled);
        await caller.ExpectMsgAsync<FailureReply>(f => f.Error is TurnCancelledException);
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Empty(await HistoryAsync(session.Context));
        caller.Send(session.Agent, new RunTurn("again", null, Config()));
        (await chat.NextCallAsync()).Reply("here");
        Assert.Equal(2, (await caller.ExpectMsgAsync<MessageReply>()).Sequence);
    }

    [Fact]
    public async Task RunTurn_EveryEnd_IsReportedToTheParentOnceAsTurnFinished()
    {
        var chat = new ScriptedChatClient();
        var id = SessionId.New();
        var context = StartContext(id);
        var parentReports = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new RestartingParent(
            Props.Create(() => new LlmAgent(id, Tenant, context, chat, AskTimeout, TimeProvider.System, null, parentReports)), parentReports)));
        var agent = await parent.Ask<IActorRef>("child", AskTimeout);
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        first.Send(agent, new RunTurn("one?", null, Config()));
        var call = await chat.NextCallAsync();

        second.Send(agent, new RunTurn("two?", null, Config(DoubleTextingPolicy.Reject)));
        await second.ExpectMsgAsync<FailureReply>();
        var rejected = await parentReports.ExpectMsgAsync<TurnFinished>();
        call.Reply("one!");
        await first.ExpectMsgAsync<MessageReply>();
        var completed = await parentReports.ExpectMsgAsync<TurnFinished>();

        Assert.Null(rejected.MessageCount);
        Assert.Equal(2, completed.MessageCount);
        await parentReports.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task CancelRunningTurn_Idle_RepliesFalse()
    {
        var session = Start(new ScriptedChatClient());

        var cancelled = await session.Agent.Ask<bool>(CancelRunningTurn.Instance, AskTimeout);

        Assert.False(cancelled);
    }
}

/// <summary>A started agent, its session id and its context.</summary>
internal sealed record AgentSession(SessionId Id, IActorRef Agent, IActorRef Context);
