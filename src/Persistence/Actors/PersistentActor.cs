using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Runtime;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Actors;

/// <summary>
/// An event-sourced actor (Akka.Persistence's PersistentActor). On start and on every restart it
/// recovers: the latest snapshot is offered, then later events are replayed through
/// <see cref="OnRecover"/>; commands wait meanwhile. A command handler calls <see cref="Persist{TEvent}"/>:
/// the events are written after the handler returns, the handlers run only after the write committed,
/// and no other command is processed in between. Inside an async handler (<c>RunTask</c>) use
/// <see cref="PersistAsync{TEvent}"/>. A failed write stops the actor (its state would be ahead of the journal).
/// </summary>
public abstract partial class PersistentActor : UntypedActor
{
    private readonly List<PendingEvent> _pending = [];
    private readonly List<PendingEvent> _asyncPending = [];
    private bool _asyncWriteInFlight;
    private PersistenceExtension? _persistence;
    private ILogger? _logger;

    /// <summary>The journal key of this actor; must be stable across restarts and processes.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event persisted or replayed.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>True until recovery completed.</summary>
    public bool IsRecovering { get; private set; } = true;

    /// <summary>The persistence services of this system.</summary>
    protected PersistenceExtension Persistence => _persistence ??= PersistenceExtension.Get(Context.System);

    private ILogger Logger => _logger ??= Context.System.Settings.LoggerFactory.CreateLogger(GetType());

    /// <summary>Handles a command (anything after recovery).</summary>
    protected abstract void OnCommand(object message);

    /// <summary>Applies a replayed event, or a <see cref="SnapshotOffer"/>, to the state. Must not have side effects.</summary>
    protected abstract void OnRecover(object message);

    /// <summary>Runs once the state is recovered, before the first command.</summary>
    protected virtual void OnRecoveryCompleted()
    {
    }

    /// <summary>Called when a write failed; the actor stops afterwards.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        LogPersistFailure(Logger, cause, PersistenceId, sequenceNr, @event.GetType().Name);

    /// <summary>Called when recovery failed; the actor stops afterwards.</summary>
    protected virtual void OnRecoveryFailure(Exception cause) => LogRecoveryFailure(Logger, cause, PersistenceId);

    /// <inheritdoc />
    protected sealed override void PreStart() => RunTask(RecoverAsync);

    /// <inheritdoc />
    protected sealed override void OnReceive(object message)
    {
        if (message is AsyncWriteCompleted completed)
        {
            HandleAsyncWriteCompleted(completed);
            return;
        }

        OnCommand(message);
        if (_pending.Count > 0)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            RunTask(() => WriteAsync(batch));
        }
    }

    /// <summary>Persists <paramref name="event"/> after the current command handler returns; <paramref name="handler"/> runs after the commit.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        _pending.Add(Serialize(@event, e => handler((TEvent)e)));
    }

    /// <summary>Persists several events atomically (one write); each handler runs after the commit, in order.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            Persist(@event, handler);
        }
    }

    /// <summary>
    /// For async handlers: writes <paramref name="events"/> now (one atomic write), then runs
    /// <paramref name="handler"/> for each. Throws if the write fails (after stopping the actor).
    /// </summary>
    protected async Task PersistAndApplyAsync<TEvent>(IReadOnlyList<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        await WriteAsync(events.Select(e => Serialize(e, x => handler((TEvent)x))).ToArray()).ConfigureAwait(true);
    }

    /// <summary>
    /// Akka's PersistAsync: commands keep flowing while <paramref name="event"/> is written. Events are
    /// written in call order, several per write when they pile up; each handler runs after its write
    /// committed, in order. Do not mix with <see cref="Persist{TEvent}"/> in one actor.
    /// </summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        _asyncPending.Add(Serialize(@event, e => handler((TEvent)e)));
        if (!_asyncWriteInFlight)
        {
            StartAsyncWrite();
        }
    }

    /// <summary>Events handed to <see cref="PersistAsync{TEvent}"/> whose write has not committed yet.</summary>
    protected int PendingAsyncEvents => _asyncPending.Count + (_asyncWriteInFlight ? 1 : 0);

    /// <summary>Stores a snapshot of the state as of <see cref="LastSequenceNr"/>; the outcome is told to Self.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (manifest, payload) = Persistence.Serializer.Serialize(snapshot);
        var entry = new SnapshotEntry(PersistenceId, LastSequenceNr, Context.System.TimeProvider.GetUtcNow(), manifest, payload);
        var self = Self;
        _ = SaveSnapshotAsync(Persistence.SnapshotStore, entry, self);
    }

    /// <summary>Deletes (logically) events up to <paramref name="toSequenceNr"/>; the outcome is told to Self.</summary>
    protected void DeleteMessagesTo(long toSequenceNr)
    {
        var self = Self;
        _ = DeleteAsync(Persistence.Journal, PersistenceId, toSequenceNr, self);
    }

    private void StartAsyncWrite()
    {
        var batch = _asyncPending.ToArray();
        _asyncPending.Clear();
        _asyncWriteInFlight = true;
        var first = LastSequenceNr + 1;
        var writes = new EventToWrite[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            writes[i] = new EventToWrite(first + i, batch[i].Manifest, batch[i].Payload);
        }

        var self = Self;
        var journal = Persistence.Journal;
        var id = PersistenceId;
        _ = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                await journal.AppendAsync(id, writes).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            self.Tell(new AsyncWriteCompleted(batch, first, failure), self);
        });
    }

    private void HandleAsyncWriteCompleted(AsyncWriteCompleted completed)
    {
        if (completed.Failure is { } failure)
        {
            _asyncWriteInFlight = false;
            OnPersistFailure(failure, completed.Batch[0].Event, completed.FirstSequenceNr);
            Context.Stop(Self);
            return;
        }

        foreach (var pending in completed.Batch)
        {
            LastSequenceNr++;
            pending.Handler(pending.Event);
        }

        // Handlers may PersistAsync again: those events queue behind this batch's sequence numbers.
        _asyncWriteInFlight = false;
        if (_asyncPending.Count > 0)
        {
            StartAsyncWrite();
        }
    }

    private PendingEvent Serialize(object @event, Action<object> handler)
    {
        var (manifest, payload) = Persistence.Serializer.Serialize(@event);
        return new PendingEvent(@event, manifest, payload, handler);
    }

    private async Task RecoverAsync()
    {
        var persistence = Persistence;
        var token = Context.CancellationToken;
        try
        {
            await persistence.RecoveryPermits.WaitAsync(token).ConfigureAwait(true);
            try
            {
                await ReplayAsync(persistence, token).ConfigureAwait(true);
            }
            finally
            {
                persistence.RecoveryPermits.Release();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
        {
            OnRecoveryFailure(exception);
            Context.Stop(Self);
            return;
        }

        IsRecovering = false;
        OnRecoveryCompleted();
        while (_pending.Count > 0)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            await WriteAsync(batch).ConfigureAwait(true);
        }
    }

    private async Task ReplayAsync(PersistenceExtension persistence, CancellationToken token)
    {
        var from = 1L;
        var snapshot = await persistence.SnapshotStore.LoadLatestAsync(PersistenceId, long.MaxValue, token).ConfigureAwait(true);
        if (snapshot is not null)
        {
            OnRecover(new SnapshotOffer(snapshot.SequenceNr, persistence.Serializer.Deserialize(snapshot.Manifest, snapshot.Payload)));
            LastSequenceNr = snapshot.SequenceNr;
            from = snapshot.SequenceNr + 1;
        }

        await foreach (var stored in persistence.Journal.ReadAsync(PersistenceId, from, long.MaxValue, token).ConfigureAwait(true))
        {
            OnRecover(persistence.Serializer.Deserialize(stored.Manifest, stored.Payload));
            LastSequenceNr = stored.SequenceNr;
        }

        // Deleted events still hold their sequence numbers: continue after the highest ever written.
        LastSequenceNr = Math.Max(LastSequenceNr, await persistence.Journal.ReadHighestSequenceNrAsync(PersistenceId, token).ConfigureAwait(true));
    }

    private async Task WriteAsync(IReadOnlyList<PendingEvent> batch)
    {
        var first = LastSequenceNr + 1;
        var writes = new EventToWrite[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            writes[i] = new EventToWrite(first + i, batch[i].Manifest, batch[i].Payload);
        }

        try
        {
            await Persistence.Journal.AppendAsync(PersistenceId, writes, Context.CancellationToken).ConfigureAwait(true);
        }
        catch (Exception exception)
        {
            OnPersistFailure(exception, batch[0].Event, first);
            Context.Stop(Self);
            throw new PersistFailedException(PersistenceId, first, exception);
        }

        foreach (var pending in batch)
        {
            LastSequenceNr++;
            pending.Handler(pending.Event);
        }

        // Handlers that persisted again are written before the next command.
        if (_pending.Count > 0)
        {
            var next = _pending.ToArray();
            _pending.Clear();
            await WriteAsync(next).ConfigureAwait(true);
        }
    }

    private static async Task SaveSnapshotAsync(ISnapshotStore store, SnapshotEntry entry, IActorRef self)
    {
        try
        {
            await store.SaveAsync(entry).ConfigureAwait(false);
            self.Tell(new SaveSnapshotSuccess(entry.SequenceNr), self);
        }
        catch (Exception exception)
        {
            self.Tell(new SaveSnapshotFailure(entry.SequenceNr, exception), self);
        }
    }

    private static async Task DeleteAsync(IJournal journal, string persistenceId, long toSequenceNr, IActorRef self)
    {
        try
        {
            await journal.DeleteMessagesToAsync(persistenceId, toSequenceNr).ConfigureAwait(false);
            self.Tell(new DeleteMessagesSuccess(toSequenceNr), self);
        }
        catch (Exception exception)
        {
            self.Tell(new DeleteMessagesFailure(toSequenceNr, exception), self);
        }
    }

    private sealed record PendingEvent(object Event, string Manifest, string Payload, Action<object> Handler);

    private sealed record AsyncWriteCompleted(PendingEvent[] Batch, long FirstSequenceNr, Exception? Failure);
}
