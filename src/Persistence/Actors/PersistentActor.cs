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

    private sealed record PendingEvent(object Event, string Manifest, string Payload, Action<object> Handler);

    private sealed record AsyncWriteCompleted(PendingEvent[] Batch, long FirstSequenceNr, Exception? Failure);
}
