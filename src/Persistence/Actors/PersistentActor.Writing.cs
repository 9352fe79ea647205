using JidoSessions.Persistence.Journal;

namespace JidoSessions.Persistence.Actors;

/// <summary>Writing events: Persist (commands wait), PersistAsync (commands flow), and the writes behind them.</summary>
public abstract partial class PersistentActor
{
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
}
