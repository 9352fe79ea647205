using JidoSessions.Actors.Diagnostics;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Context;

/// <summary>
/// A session's context (the /context child): history, active files, limits, event-sourced under
/// "context-{sessionId}". Commands are decided against <see cref="ContextState"/>, persisted, and only
/// then applied, answered and published, so every reply and <see cref="MessageAppended"/> describes
/// committed state. A restart (the supervisor's answer to a crash) recovers the same state from the
/// latest snapshot plus later events.
/// </summary>
internal sealed partial class ContextManager : PersistentActor
{
    /// <summary>Events between snapshots when the constructor names no other number.</summary>
    public const int DefaultSnapshotEvery = 100;

    private readonly SessionId _sessionId;
    private readonly TenantId _tenant;
    private readonly SessionEventPublisher _events;
    private readonly ContextCache _cache;
    private readonly IContextReducer _reducer;
    private readonly int _snapshotEvery;
    private ContextState _state = ContextState.Empty;
    private long _lastSnapshotSequenceNr;
    private bool _snapshotInFlight;
    private ILogger? _log;

    /// <summary>Creates the actor.</summary>
    /// <param name="sessionId">The session; also the persistence id's suffix.</param>
    /// <param name="tenant">The session's tenant, stamped on published events.</param>
    /// <param name="events">Where <see cref="MessageAppended"/> goes.</param>
    /// <param name="snapshotEvery">Events between snapshots (at least 1).</param>
    /// <param name="cache">A cache shared by sessions, or null for one of its own.</param>
    /// <param name="reducer">How contexts are cut to the budget; null for <see cref="TruncatingReducer"/>.</param>
    public ContextManager(
        SessionId sessionId,
        TenantId tenant,
        SessionEventPublisher events,
        int snapshotEvery = DefaultSnapshotEvery,
        ContextCache? cache = null,
        IContextReducer? reducer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _sessionId = sessionId;
        _tenant = tenant;
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _cache = cache ?? new ContextCache();
        _reducer = reducer ?? TruncatingReducer.Instance;
        _snapshotEvery = snapshotEvery;
    }

    /// <summary>Creates the actor with a (possibly shared) cache.</summary>
    public ContextManager(
        SessionId sessionId,
        TenantId tenant,
        SessionEventPublisher events,
        ContextCache? cache,
        IContextReducer? reducer = null,
        int snapshotEvery = DefaultSnapshotEvery)
        : this(sessionId, tenant, events, snapshotEvery, cache, reducer)
    {
    }

    /// <inheritdoc />
    public override string PersistenceId => "context-" + _sessionId;

    private ILogger Log => _log ??= Context.System.Settings.LoggerFactory.CreateLogger<ContextManager>();

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    /// <inheritdoc />
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ContextSnapshot snapshot } offer:
                _state = snapshot.ToState();
                _lastSnapshotSequenceNr = offer.SequenceNr;
                break;
            case IContextEvent @event:
                _state = _state.Apply(@event);
                break;
            default:
                throw new InvalidOperationException($"{PersistenceId} cannot recover from {message.GetType().Name}.");
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
            case PurgeContext when _snapshotInFlight:
                // A snapshot written after the purge would outlive it: purge once the write has finished.
                Context.Stash();
                break;
            case PurgeContext:
                HandlePurge();
                break;
            case SaveSnapshotSuccess saved:
                HandleSnapshotSaved(saved);
                break;
            case SaveSnapshotFailure failed:
                LogSnapshotFailed(Log, failed.Cause, _sessionId, failed.SequenceNr);
                SnapshotFinished();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void PostStop() => _cache.RemoveSession(_sessionId);

    private BuiltContext Build(BuildContext request)
    {
        var files = _state.FilesNewestFirst
            .Select(file =>
            {
                var cached = _cache.GetOrAdd(_sessionId, file.Info.Path, file.Info.Sha256, () => Render(file));
                return new ContextFile(file.Info.Path, cached.Text, cached.Tokens);
            })
            .ToArray();
        return _reducer.Reduce(new ContextInput(request.SystemPrompt, files, _state.History, request.UserMessage, request.TokenBudget));
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

        var time = Context.System.TimeProvider;
        var started = time.GetTimestamp();
        var remaining = events.Count;
        PersistAll(events, @event =>
        {
            var before = _state;
            _state = _state.Apply(@event);
            AfterApplied(before, @event);
            SnapshotIfDue();
            if (--remaining == 0)
            {
                SessionMetrics.JournalWriteSeconds.Record(time.GetElapsedTime(started).TotalSeconds);
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
                LogHistoryTrimmed(Log, _sessionId, trimmed.ThroughSequence, _state.History.Count);
                break;
            case FileAdded added:
                _cache.Invalidate(_sessionId, added.Path);
                LogFileAdded(Log, _sessionId, added.Path, added.Length);
                break;
            case FileRemoved removed:
                _cache.Invalidate(_sessionId, removed.Path);
                LogFileRemoved(Log, _sessionId, removed.Path);
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
