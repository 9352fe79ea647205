using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Diagnostics;
using JidoSessions.Actors.Persistence;
using JidoSessions.Client;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// One session, as a sharded persistent entity of the "session" region (entity id = session id, persistence id
/// "session-{id}"). Holds the session's state (status, config) and supervises <c>/context</c> and <c>/agent</c>
/// one-for-one, each started on first use: a crashed child restarts in place (the context recovers its history from its
/// journal, its mailbox is kept); when a child exceeds its restarts in the window the session becomes Failed
/// (persisted, published) and every later request gets <see cref="SessionFailedException"/>.
/// </summary>
/// <remarks>
/// <code>
///   (fresh) ──Open/Join──► Active ◄──► Idle ──(passivate)──► (stopped; next message recovers it)
///                           │  │          │
///                           │  └─► Failed ┤
///                           └─────────────┴──Terminate──► Terminating ──purged──► Terminated (stops)
///   (purged: sequence nr &gt; 0, no events) answers SessionNotFound, bounces joins back to the key entity
/// </code>
/// </remarks>
internal sealed partial class SessionEntity : UntypedPersistentActor
{
    private readonly SessionId _id;
    private readonly SessionServices _services;
    private SessionState? _state;
    private ResolvedConfig? _resolved;
    private IActorRef? _context;
    private IActorRef? _agent;
    private bool _serving;
    private bool _contextStopped;
    private bool _agentStopped;
    private int _turnsInFlight;
    private bool _stopAfterTurns;
    private ITimer? _ttlTimer;
    private ITimer? _idleTimer;
    private DateTimeOffset _lastRequestAt;
    private bool _opening;
    private bool _listingWriteInFlight;
    private bool _listingDirty;
    private bool _contextReported;
    private bool _contextKnownEmpty;
    private bool _contextMarkedNew;

    public SessionEntity(string entityId, SessionServices services)
    {
        _id = SessionId.Parse(entityId);
        _services = services;
        PersistenceId = "session-" + entityId;
    }

    public override string PersistenceId { get; }

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    /// <summary>Props for the region's entity factory.</summary>
    public static Props Props(string entityId, SessionServices services) =>
        Akka.Actor.Props.Create<SessionEntity>(entityId, services).WithMailbox(CompactMailbox.ConfigPath);

    /// <summary>A purged session: its journal remembers a sequence number but holds no events.</summary>
    private bool IsPurged => _state is null && LastSequenceNr > 0;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: SessionState snapshot }:
                _state = snapshot;
                break;
            case SessionOpened opened:
                _state = SessionState.Empty(_id, opened.Tenant).Apply(opened);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
            default:
                _state = _state?.Apply(message);
                break;
        }
    }

    protected override void PostStop()
    {
        if (_contextMarkedNew)
        {
            // Consumed by the context's recovery unless it stopped before that; a mark must not outlive its setter.
            NewPersistenceIds.Get(Context.System).Forget(ContextManagerNames.PersistenceIdOf(_id));
        }

        _ttlTimer?.Dispose();
        _idleTimer?.Dispose();
        if (_serving)
        {
            SessionMetrics.LiveSessions.Add(-1);
        }

        base.PostStop();
    }

    private void OnRecovered()
    {
        if (_state is null)
        {
            return;
        }

        switch (_state.Status)
        {
            case SessionStatus.Terminating:
                // A crash part-way through ending it: finish the job (nobody is waiting for the answer).
                ContinueTermination();
                break;
            case SessionStatus.Terminated:
                break;
            default:
                StartServing();
                _ = WriteDirectoryAsync();
                break;
        }
    }

    private void Open(OpenSession open, IActorRef replyTo, TenantId tenant)
    {
        // Nothing was ever journaled for this session (a purged one keeps its sequence nr), so nothing was for its
        // context either: its history is empty and its last activity is now. The context starts on first use
        // (ContextActor), and its first recovery can skip its reads.
        if (LastSequenceNr == 0)
        {
            _contextKnownEmpty = true;
            _contextReported = true;
        }

        var now = Now;
        var events = new object[]
        {
            new SessionOpened(_id, tenant, open.Key, open.Config, now),
            new SessionStatusMoved(SessionStatus.Initializing, SessionStatus.Active, "created", now),
        };
        var remaining = events.Length;

        // Listed before anyone hears of it, so a created session is always in the listing. The row is written beside
        // the events, not after them (on SQLite both go to the same writer and usually the same commit): the reply
        // waits for both, one durable round trip instead of two. Should the events fail, the row goes again
        // (OnPersistFailure); a crash between the two leaves a row the TTL sweep removes.
        var info = SessionState.Empty(_id, tenant).Apply((SessionOpened)events[0]).Apply((SessionStatusMoved)events[1]).ToInfo();
        var listed = _services.Directory.UpsertAsync(DirectoryRows.From(info));
        PersistAll(events, e =>
        {
            _state = e is SessionOpened opened ? SessionState.Empty(_id, tenant).Apply(opened) : _state!.Apply(e);
            if (--remaining > 0)
            {
                return;
            }

            _opening = true;
            listed.PipeTo(Self, Self, () => new Opened(info, open.AsGetOrCreate, replyTo, open.Seed), ex => new Opened(info, open.AsGetOrCreate, replyTo, open.Seed, ex));
        });
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        if (@event is SessionOpened opened)
        {
            // The session never opened: take back the row written beside its events.
            _ = _services.Directory.RemoveAsync(opened.Tenant.Value, _id.ToString());
        }

        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void FinishOpening(Opened opened)
    {
        _opening = false;

        // Timers and children first: whoever hears of the session may act on it (or move a test clock) at once.
        StartServing();
        if (opened.Failure is { } failure)
        {
            opened.ReplyTo.Tell(new FailureReply(new SessionUnavailableException($"Session {_id} was created but could not be listed: {failure.Message}", failure)), Self);
        }
        else
        {
            _services.Events.Publish(new SessionCreated(_id, _state!.Tenant, _state.CreatedAt, _state.Key));
            _services.Events.Publish(new SessionStatusChanged(_id, _state.Tenant, _state.UpdatedAt, SessionStatus.Initializing, SessionStatus.Active, "created"));
            if (opened.Seed is { } seed)
            {
                // A fork: answered once its context holds the seed (FinishFork).
                ContextActor().Tell(new SeedContext(seed, opened.ReplyTo), Self);
            }
            else
            {
                opened.ReplyTo.Tell(opened.AsGetOrCreate ? new GetOrCreateResult(_state.ToInfo(), Created: true) : _state.ToInfo(), Self);
            }
        }

        Stash.UnstashAll();
    }

    private void StartServing()
    {
        _resolved = ResolvedConfig.Resolve(_state!.Config, _services.Options.Defaults);
        if (!SessionTransitions.IsLive(_state.Status) || _serving)
        {
            return;
        }

        _serving = true;
        SessionMetrics.LiveSessions.Add(1);
        // The children start on first use (ContextActor(), Agent()): a new session that is created, read or listed
        // needs neither. A woken session's context starts now, though: it reports the last activity the TTL is timed
        // from (HandleContextReady).
        if (!_contextKnownEmpty)
        {
            ContextActor();
        }

        _lastRequestAt = Now;
        ScheduleIdleCheck(_services.Options.IdleTimeout);
        ScheduleTtlCheck(_services.Options.Ttl);
    }

    /// <summary>The context, started on first use; only while serving (<see cref="EnsureServing"/>).</summary>
    private IActorRef ContextActor()
    {
        if (_context is not null)
        {
            return _context;
        }

        if (_contextKnownEmpty)
        {
            // Consumed by the context's first recovery, dropped by the journal on any write to it or here in PostStop.
            _contextKnownEmpty = false;
            _contextMarkedNew = true;
            NewPersistenceIds.Get(Context.System).Mark(ContextManagerNames.PersistenceIdOf(_id));
        }

        _context = Context.Watch(Context.ActorOf(_services.ContextProps(_id, _state!.Tenant, Self), "context"));
        _context.Tell(new ContextLimits(_resolved!.MaxHistory, _resolved.MaxFiles), Self);
        return _context;
    }

    /// <summary>The agent, started on first use; only while serving (<see cref="EnsureServing"/>).</summary>
    private IActorRef Agent() =>
        _agent ??= Context.Watch(Context.ActorOf(_services.AgentProps(_id, _state!.Tenant, ContextActor(), Self), "agent"));

    /// <summary>
    /// One-for-one, restart in place: Akka keeps the child's mailbox across a restart, so nothing sent to a crashing
    /// context is lost (the request that crashed it was answered by the child itself); past
    /// <see cref="Hosting.SessionSystemOptions.MaxRestarts"/> in the window the child is stopped and the session fails.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        _services.Options.MaxRestarts,
        _services.Options.RestartWindow,
        static _ => Directive.Restart);

    // Idle and TTL timers run on the injected TimeProvider (FakeTimeProvider in tests), not on Akka's scheduler,
    // which also drives the cluster and cannot be replaced by a manual one in a cluster member.
    private void ScheduleTtlCheck(TimeSpan? delay)
    {
        _ttlTimer?.Dispose();
        _ttlTimer = delay is { } wait ? After(wait, TtlCheck.Instance) : null;
    }

    private void ScheduleIdleCheck(TimeSpan delay)
    {
        _idleTimer?.Dispose();
        _idleTimer = After(delay, IdleCheck.Instance);
    }

    private ITimer After(TimeSpan delay, object message)
    {
        var self = Self;
        return _services.Time.CreateTimer(_ => self.Tell(message, ActorRefs.NoSender), null, delay, Timeout.InfiniteTimeSpan);
    }

    private Task WriteDirectoryAsync()
    {
        var info = _state!.ToInfo();
        return _services.Directory.UpsertAsync(DirectoryRows.From(info));
    }

    /// <summary>
    /// Brings the listing row up to date with the activity of turns, off the turn's path: at most one write in
    /// flight per session, later changes coalesced into the next one, so the listing lags by at most one write.
    /// </summary>
    private void RefreshListing()
    {
        if (_listingWriteInFlight)
        {
            _listingDirty = true;
            return;
        }

        _listingWriteInFlight = true;
        WriteDirectoryAsync().PipeTo(Self, Self, () => ListingWritten.Instance, _ => ListingWritten.Instance);
    }

    private void ListingWriteFinished()
    {
        _listingWriteInFlight = false;
        if (_listingDirty && _state is not null && SessionTransitions.IsLive(_state.Status))
        {
            _listingDirty = false;
            RefreshListing();
        }
    }

    private void PublishStatus(SessionStatusMoved moved) =>
        _services.Events.Publish(new SessionStatusChanged(_id, _state!.Tenant, moved.At, moved.From, moved.To, moved.Reason));

    private void MoveStatus(SessionStatus to, string reason, Action? then = null)
    {
        var moved = new SessionStatusMoved(_state!.Status, SessionTransitions.Move(_id, _state.Status, to), reason, Now);
        Persist(moved, e =>
        {
            _state = _state.Apply(e);
            PublishStatus(e);
            _ = WriteDirectoryAsync();
            SnapshotIfDue();
            then?.Invoke();
        });
    }

    private void SnapshotIfDue()
    {
        if (LastSequenceNr % _services.Options.SnapshotEvery == 0)
        {
            SaveSnapshot(_state);
        }
    }

    private void Passivate() => Context.Parent.Tell(new Passivate(StopSession.Instance));

    private sealed record TtlCheck
    {
        public static readonly TtlCheck Instance = new();
    }

    private sealed record ListingWritten
    {
        public static readonly ListingWritten Instance = new();
    }

    private sealed record IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }

    /// <summary>The directory write of a new session finished (or failed).</summary>
    private sealed record Opened(SessionInfo Info, bool AsGetOrCreate, IActorRef ReplyTo, ContextSeeded? Seed, Exception? Failure = null);
}
