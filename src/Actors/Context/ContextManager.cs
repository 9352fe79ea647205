using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Diagnostics;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Actors.Context;

/// <summary>
/// A session's context (the /context child): history, active files, limits, event-sourced under
/// "context-{sessionId}". Commands are decided against <see cref="ContextState"/>, persisted, and only
/// then applied, answered and published, so every reply and <see cref="MessageAppended"/> describes
/// committed state. A restart (the supervisor's answer to a crash) recovers the same state from the
/// latest snapshot plus later events; once a snapshot is saved, older snapshots and the events it covers are
/// deleted, so storage grows with the state, not with its history of changes.
/// </summary>
internal sealed partial class ContextManager : UntypedPersistentActor
{
    /// <summary>Events between snapshots when the constructor names no other number.</summary>
    public const int DefaultSnapshotEvery = 100;

    private readonly SessionId _sessionId;
    private readonly TenantId _tenant;
    private readonly SessionEventPublisher _events;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly IActorRef? _owner;
    private readonly ContextCache _cache;
    private readonly IContextReducer _reducer;
    private readonly int _snapshotEvery;
    private ContextState _state = ContextState.Empty;
    private long _lastSnapshotSequenceNr;
    private bool _snapshotInFlight;

    /// <summary>Creates the actor.</summary>
    /// <param name="sessionId">The session; also the persistence id's suffix.</param>
    /// <param name="tenant">The session's tenant, stamped on published events.</param>
    /// <param name="events">Where <see cref="MessageAppended"/> goes.</param>
    /// <param name="time">Clock for message times.</param>
    /// <param name="loggerFactory">Logging; none if null.</param>
    /// <param name="owner">The session entity, told <see cref="ContextReady"/> after recovery; null for none.</param>
    /// <param name="snapshotEvery">Events between snapshots (at least 1).</param>
    /// <param name="cache">A cache shared by sessions, or null for one of its own.</param>
    /// <param name="reducer">How contexts are cut to the budget; null for <see cref="TruncatingReducer"/>.</param>
    public ContextManager(
        SessionId sessionId,
        TenantId tenant,
        SessionEventPublisher events,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IActorRef? owner = null,
        int snapshotEvery = DefaultSnapshotEvery,
        ContextCache? cache = null,
        IContextReducer? reducer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _sessionId = sessionId;
        _tenant = tenant;
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ContextManager>();
        _owner = owner;
        _cache = cache ?? new ContextCache();
        _reducer = reducer ?? TruncatingReducer.Instance;
        _snapshotEvery = snapshotEvery;
        PersistenceId = ContextManagerNames.PersistenceIdOf(sessionId);
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <inheritdoc />
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ContextSnapshot snapshot } offer:
                _state = snapshot.ToState();
                _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
                break;
            case IContextEvent @event:
                _state = _state.Apply(@event);
                break;
            case RecoveryCompleted:
                _owner?.Tell(new ContextReady(_state.History.Count, _state.History.Count > 0 ? _state.History[^1].At : null));
                break;
            case Sessions.JournalPurged:
                break;
            default:
                throw new InvalidOperationException($"{PersistenceId} cannot recover from {message.GetType().Name}.");
        }
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception exception)
        {
            CrashReplies.Answer(Sender, Self, _owner ?? ActorRefs.Nobody, _sessionId, exception);
            throw;
        }
    }

    /// <inheritdoc />
    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case GetHistory:
                Sender.Tell(_state.History, Self);
                break;
            case GetHistoryAudit:
                Sender.Tell(_state.Audit(), Self);
                break;
            case PlanFork plan:
                HandlePlanFork(plan);
                break;
            case SeedContext seed:
                HandleSeed(seed);
                break;
            case RewindContext rewind:
                HandleRewind(rewind);
                break;
            case NoteConfigChange note:
                Commit([new ConfigSuperseded(note.Before)], static () => { });
                break;
            case ListFiles:
                Sender.Tell(_state.FileIndex, Self);
                break;
            case BuildContext build:
                Sender.Tell(Build(build), Self);
                break;
            case AppendTurn append:
                HandleAppendTurn(append);
                break;
            case AddFile add:
                HandleAddFile(add.File);
                break;
            case RemoveFile remove:
                HandleRemoveFile(remove.Path);
                break;
            case ContextLimits limits:
                Commit(_state.PlanLimits(limits.MaxHistory, limits.MaxFiles), static () => { });
                break;
            case SaveSnapshotSuccess saved:
                HandleSnapshotSaved(saved);
                break;
            case SaveSnapshotFailure failed:
                LogSnapshotFailed(_log, failed.Cause, _sessionId, failed.Metadata.SequenceNr);
                _snapshotInFlight = false;
                break;
            case DeleteSnapshotsSuccess or DeleteMessagesSuccess:
                break;
            case DeleteSnapshotsFailure failure:
                LogSnapshotCleanupFailed(_log, failure.Cause, _sessionId, failure.Criteria.MaxSequenceNr);
                break;
            case DeleteMessagesFailure failure:
                LogSnapshotCleanupFailed(_log, failure.Cause, _sessionId, failure.ToSequenceNr);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cache.RemoveSession(_sessionId);
        base.PostStop();
    }

    private BuiltContext Build(BuildContext request)
    {
        var files = _state.FilesNewestFirst
            .Select(file =>
            {
                var cached = _cache.GetOrAdd(_sessionId, file.Info.Path, file.Info.Sha256, () => Render(file));
                return new ContextFile(file.Info.Path, cached.Text, cached.Tokens);
            })
            .ToArray();
        IReadOnlyList<HistoryEntry> history = request.Prior is { Count: > 0 } prior
            ? [.. _state.History, .. prior.Select(m => new HistoryEntry(0, m.Role, m.Text, Now, m.ToolCalls, m.ToolResults))]
            : _state.History;
        return _reducer.Reduce(new ContextInput(request.SystemPrompt, files, history, request.UserMessage, request.TokenBudget, request.ToolResults));
    }

    private static CachedFile Render(ActiveFile file)
    {
        var text = $"File: {file.Info.Path}\n{file.Content}";
        return new CachedFile(file.Info.Sha256, text, TokenEstimator.ForMessage(text));
    }

    /// <summary>
    /// Persists <paramref name="events"/> in one atomic write; after the commit each is applied (with its side
    /// effects: cache invalidation, published events, snapshots) and then <paramref name="onCommitted"/> runs.
    /// </summary>
    private void Commit(IReadOnlyList<IContextEvent> events, Action onCommitted)
    {
        if (events.Count == 0)
        {
            onCommitted();
            return;
        }

        var started = _time.GetTimestamp();
        var remaining = events.Count;
        PersistAll(events, @event =>
        {
            var before = _state;
            _state = _state.Apply(@event);
            AfterApplied(before, @event);
            SnapshotIfDue();
            if (--remaining == 0)
            {
                SessionMetrics.JournalWriteSeconds.Record(_time.GetElapsedTime(started).TotalSeconds);
                onCommitted();
            }
        });
    }

    private void AfterApplied(ContextState before, IContextEvent @event)
    {
        switch (@event)
        {
            case TurnRecorded turn:
                var (user, assistant) = before.EntriesFor(turn);
                Publish(user);
                Publish(assistant);
                break;
            case HistoryTrimmed trimmed:
                LogHistoryTrimmed(_log, _sessionId, trimmed.ThroughSequence, _state.History.Count);
                break;

            case FileAdded added:
                _cache.Invalidate(_sessionId, added.Path);
                LogFileAdded(_log, _sessionId, added.Path, added.Length);
                break;
            case FileRemoved removed:
                _cache.Invalidate(_sessionId, removed.Path);
                LogFileRemoved(_log, _sessionId, removed.Path);
                break;
        }
    }

    private void Publish(HistoryEntry entry) =>
        _events.Publish(new MessageAppended(_sessionId, _tenant, entry.At, entry.Sequence, entry.Role, entry.Text));

    private void SnapshotIfDue()
    {
        if (_snapshotInFlight || LastSequenceNr - _lastSnapshotSequenceNr < _snapshotEvery)
        {
            return;
        }

        SaveSnapshot(ContextSnapshot.From(_state));
        _snapshotInFlight = true;
        _lastSnapshotSequenceNr = LastSequenceNr;
    }
}
