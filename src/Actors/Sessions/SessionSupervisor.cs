using JidoSessions.Actors.Context;
using JidoSessions.Actors.Diagnostics;
using JidoSessions.Actors.Sharding;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// <c>session-&lt;id&gt;</c>: one session. Holds its state (status, config, activity) in its own journal and
/// supervises <c>/context</c> and <c>/agent</c> one-for-one: a crashed child restarts with backoff (the
/// context recovers its history from its journal); after too many crashes in the window the session
/// becomes Failed and every later request gets <see cref="SessionFailedException"/>. Nothing here
/// escalates: the shard above stops only this session if the supervisor itself fails.
/// </summary>
internal sealed partial class SessionSupervisor(SessionInfo directory, SessionRuntime runtime, IActorRef manager) : PersistentActor
{
    private SessionState _state = SessionState.Empty(directory.Id, directory.Tenant);
    private ResolvedConfig? _resolved;
    private IActorRef? _context;
    private IActorRef? _agent;
    private int _turnsInFlight;
    private ICancelable? _ttlTimer;
    private IActorRef? _terminationReplyTo;
    private TerminationReason _terminationReason;

    public override string PersistenceId => $"session-{directory.Id}";

    private SessionId Id => directory.Id;

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        runtime.Options.MaxRestarts,
        runtime.Options.RestartWindow,
        static _ => Directive.Restart,
        new RestartBackoff(runtime.Options.RestartBackoffMin, runtime.Options.RestartBackoffMax));

    protected override void OnRecover(object message) =>
        _state = message is SnapshotOffer offer ? (SessionState)offer.Snapshot : _state.Apply(message);

    protected override void OnRecoveryCompleted()
    {
        SessionMetrics.LiveSessions.Add(1);

        // Activity is reported to the directory, not journaled here: take whichever is newer.
        if (directory.LastActiveAt > _state.LastActiveAt)
        {
            _state = _state with { LastActiveAt = directory.LastActiveAt, MessageCount = Math.Max(directory.MessageCount, _state.MessageCount) };
        }

        if (!_state.IsOpened)
        {
            var now = Now;
            PersistAll<object>(
                [
                    new SessionOpened(Id, directory.Tenant, directory.Key, directory.Config, now),
                    new SessionStatusMoved(SessionStatus.Initializing, SessionStatus.Active, "created", now),
                ],
                ApplyOpening);
            return;
        }

        StartServing();
    }

    protected override void PostStop()
    {
        _ttlTimer?.Cancel();
        if (!IsRecovering)
        {
            SessionMetrics.LiveSessions.Add(-1);
        }
    }

    private void ApplyOpening(object @event)
    {
        _state = _state.Apply(@event);
        if (@event is SessionStatusMoved moved)
        {
            runtime.Events.Publish(new SessionCreated(Id, _state.Tenant, _state.CreatedAt, _state.Key));
            PublishStatus(moved);
            ReportSummary();
            StartServing();
        }
    }

    private void StartServing()
    {
        _resolved = ResolvedConfig.Resolve(_state.Config, runtime.Options.Defaults);
        if (!SessionTransitions.IsLive(_state.Status))
        {
            return;
        }

        _context = Context.Watch(Context.ActorOf(runtime.ContextProps(Id, _state.Tenant), "context"));
        _agent = Context.Watch(Context.ActorOf(runtime.AgentProps(Id, _state.Tenant, _context), "agent"));
        _context.Tell(new ContextLimits(_resolved.MaxHistory, _resolved.MaxFiles), Self);
        Context.SetReceiveTimeout(runtime.Options.IdleTimeout);
        ScheduleTtlCheck(runtime.Options.Ttl);
    }

    private void ScheduleTtlCheck(TimeSpan? delay)
    {
        _ttlTimer?.Cancel();
        if (delay is { } wait)
        {
            _ttlTimer = Context.System.Scheduler.ScheduleTellOnce(wait, Self, TtlCheck.Instance, Self);
        }
    }

    private void PublishStatus(SessionStatusMoved moved) =>
        runtime.Events.Publish(new SessionStatusChanged(Id, _state.Tenant, moved.At, moved.From, moved.To, moved.Reason));

    private void ReportSummary() => manager.Tell(new ReportSummary(_state.ToInfo()), Self);

    private void MoveStatus(SessionStatus to, string reason, Action? then = null)
    {
        var moved = new SessionStatusMoved(_state.Status, SessionTransitions.Move(Id, _state.Status, to), reason, Now);
        Persist(moved, e =>
        {
            _state = _state.Apply(e);
            PublishStatus(e);
            ReportSummary();
            then?.Invoke();
        });
    }

    private sealed record TtlCheck
    {
        public static readonly TtlCheck Instance = new();
    }
}
