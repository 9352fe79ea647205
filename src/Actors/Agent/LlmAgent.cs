using System.Runtime.ExceptionServices;
using JidoSessions.Actors.Diagnostics;
using JidoSessions.Client;
using Akka.Actor;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Agent;

/// <summary>
/// A session's agent (the /agent child): runs one turn at a time. A turn runs as a task outside the mailbox
/// (<see cref="TurnExecution"/>) and reports back as a <see cref="TurnOutcome"/>, so cancels and new messages are
/// handled while it runs. A message arriving mid-turn follows its own config's <see cref="DoubleTextingPolicy"/>:
/// Enqueue waits in FIFO order; Reject fails at once with <see cref="TurnInProgressException"/>; Interrupt
/// cancels the running turn (what was said so far is recorded, marked) and then waits its turn in FIFO order.
/// </summary>
/// <remarks>
/// <code>
///          RunTurn                      outcome, queue empty
///   Idle ─────────▶ Running(turn) ───────────────────────────▶ Idle
///                    │    ▲ outcome, queue not empty: start the next
///                    │    └────────┘
///                    ├ RunTurn: Enqueue → queue │ Reject → fail │ Interrupt → cancel current + queue
///                    └ CancelRunningTurn → cancel current (true), or false when idle or already committing
/// </code>
/// Provider and context failures only fail the turn; the agent fails (and is restarted by its supervisor) only
/// when a turn's own code throws, after the caller got its answer. Callers still waiting then get
/// <see cref="SessionUnavailableException"/> (running) or <see cref="TurnCancelledException"/> (queued).
/// Every RunTurn, whatever its end (including Reject), is reported once to the parent as <see cref="TurnFinished"/>.
/// </remarks>
internal sealed partial class LlmAgent : UntypedActor
{
    private static long _lastTurnId;

    private readonly SessionId _sessionId;
    private readonly TenantId _tenant;
    private readonly IActorRef _context;
    private readonly IChatClient _chat;
    private readonly TimeSpan _contextTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly IActorRef _owner;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Queue<PendingTurn> _queue = new();
    private ActiveTurn? _current;

    /// <summary>Creates the agent.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="tenant">The session's tenant (for logs).</param>
    /// <param name="context">The session's ContextManager.</param>
    /// <param name="chat">The model.</param>
    /// <param name="contextTimeout">How long each Ask to the context may take.</param>
    /// <param name="time">Clock for activity times and turn durations.</param>
    /// <param name="loggerFactory">Logging; none if null.</param>
    /// <param name="owner">The session entity, told <see cref="TurnFinished"/> after every turn; null for none.</param>
    public LlmAgent(
        SessionId sessionId,
        TenantId tenant,
        IActorRef context,
        IChatClient chat,
        TimeSpan contextTimeout,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IActorRef? owner = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(contextTimeout, TimeSpan.Zero);
        _sessionId = sessionId;
        _tenant = tenant;
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _contextTimeout = contextTimeout;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LlmAgent>();
        _owner = owner ?? ActorRefs.Nobody;
    }

    private ILogger Log => _log;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case RunTurn run:
                HandleRunTurn(new PendingTurn(run, Sender));
                break;
            case CancelRunningTurn:
                Sender.Tell(TryCancelCurrent(interrupt: false), Self);
                break;
            case TurnOutcome outcome when outcome.TurnId == _current?.Id:
                Finish(_current, outcome);
                break;
            case TurnOutcome:
                // From a turn of an earlier incarnation: its caller was answered when that one stopped.
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopped.Cancel();
        if (_current is { } turn)
        {
            _current = null;
            turn.Pending.Reply(new FailureReply(new SessionUnavailableException(
                $"The agent of session {_sessionId} stopped during the turn; its reply may or may not have been recorded.")), Self);
            ReportFinished(null);
        }

        while (_queue.TryDequeue(out var pending))
        {
            pending.Reply(new FailureReply(new TurnCancelledException(_sessionId)), Self);
            ReportFinished(null);
        }

        _stopped.Dispose();
    }

    /// <summary>
    /// Tells the supervisor a message it forwarded has been dealt with (every RunTurn gets exactly one, even when
    /// rejected or abandoned), with the history size when something was appended: it counts turns in flight (no
    /// passivation mid-turn) and tracks the session's activity.
    /// </summary>
    private void ReportFinished(int? messageCount) =>
        _owner.Tell(new TurnFinished(messageCount, _time.GetUtcNow()), Self);

    private void HandleRunTurn(PendingTurn pending)
    {
        if (_current is null)
        {
            Start(pending);
            return;
        }

        switch (pending.Request.Config.DoubleTexting)
        {
            case DoubleTextingPolicy.Reject:
                LogRejected(Log, _sessionId, _tenant, _current.Id);
                pending.Reply(new FailureReply(new TurnInProgressException(_sessionId)), Self);
                ReportFinished(null);
                return;
            case DoubleTextingPolicy.Interrupt:
                if (TryCancelCurrent(interrupt: true))
                {
                    LogInterrupted(Log, _sessionId, _tenant, _current.Id);
                }

                break;
        }

        _queue.Enqueue(pending);
    }

    private bool TryCancelCurrent(bool interrupt) => _current is { } turn && turn.Control.TryCancel(interrupt);

    private void Start(PendingTurn pending)
    {
        var id = Interlocked.Increment(ref _lastTurnId);
        var control = new TurnControl(_stopped.Token);
        _current = new ActiveTurn(id, pending, control, _time.GetTimestamp());
        LogTurnStarted(Log, _sessionId, _tenant, id, pending.Request.Config.Model, pending.Request.StreamTo is not null);
        var execution = new TurnExecution(id, _sessionId, pending.Request, _context, _chat, _contextTimeout, control, Self, Log);
        _ = PipeToSelfAsync(execution, Self);
    }

    private static async Task PipeToSelfAsync(TurnExecution execution, IActorRef self)
    {
        TurnOutcome outcome;
        try
        {
            // Task.Run: nothing of the turn runs on the agent's thread, whatever the model client does synchronously.
            outcome = await Task.Run(execution.RunAsync).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            outcome = new TurnFaulted(execution.TurnId, exception);
        }

        self.Tell(outcome, self);
    }

    private void Finish(ActiveTurn turn, TurnOutcome outcome)
    {
        _current = null;
        turn.Control.Dispose();
        ReportFinished(outcome switch
        {
            TurnSucceeded succeeded => succeeded.MessageCount,
            TurnCancelled cancelled => cancelled.MessageCount,
            _ => null,
        });
        var elapsed = _time.GetElapsedTime(turn.StartedTimestamp);
        switch (outcome)
        {
            case TurnSucceeded succeeded:
                SessionMetrics.Turns.Add(1);
                LogTurnCompleted(Log, _sessionId, _tenant, turn.Id, succeeded.Reply.Sequence, elapsed.TotalMilliseconds);
                turn.Pending.Reply(succeeded.Reply, Self);
                break;
            case TurnFailed failed:
                SessionMetrics.TurnFailures.Add(1, new KeyValuePair<string, object?>("kind", failed.Error.Kind));
                LogTurnFailed(Log, failed.Error.InnerException, _sessionId, _tenant, turn.Id, failed.Error.Kind);
                turn.Pending.Reply(new FailureReply(failed.Error), Self);
                break;
            case TurnCancelled cancelled:
                SessionMetrics.TurnFailures.Add(1, new KeyValuePair<string, object?>("kind", "Cancelled"));
                LogTurnCancelled(Log, _sessionId, _tenant, turn.Id, cancelled.MessageCount is not null);
                turn.Pending.Reply(new FailureReply(new TurnCancelledException(_sessionId)), Self);
                break;
            case TurnFaulted faulted:
                SessionMetrics.TurnFailures.Add(1, new KeyValuePair<string, object?>("kind", "Internal"));
                turn.Pending.Reply(new FailureReply(new TurnFailedException(_sessionId, "Internal", faulted.Exception.Message, faulted.Exception)), Self);
                ExceptionDispatchInfo.Throw(faulted.Exception);
                break;
        }

        if (_queue.TryDequeue(out var next))
        {
            Start(next);
        }
    }

    /// <summary>A turn waiting to run, and who gets its answer.</summary>
    private sealed record PendingTurn(RunTurn Request, IActorRef ReplyTo)
    {
        /// <summary>Answers the caller, and the stream receiver too when it is someone else (so a stream always ends).</summary>
        public void Reply(object message, IActorRef self)
        {
            ReplyTo.Tell(message, self);
            if (Request.StreamTo is { } streamTo && !streamTo.Equals(ReplyTo))
            {
                streamTo.Tell(message, self);
            }
        }
    }

    private sealed record ActiveTurn(long Id, PendingTurn Pending, TurnControl Control, long StartedTimestamp);
}
