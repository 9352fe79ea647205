using JidoSessions.Persistence.Memory;
using JidoSessions.Persistence.Snapshots;

namespace JidoSessions.Actors.Tests.Context;

/// <summary>A memory snapshot store whose saves the test can hold open, to race other work against an in-flight snapshot.</summary>
internal sealed class HoldableSnapshotStore : ISnapshotStore
{
    private readonly MemorySnapshotStore _inner = new();
    private TaskCompletionSource _gate = CompletedGate();

    /// <summary>Saves wait from now until the returned source is completed.</summary>
    public TaskCompletionSource HoldSaves() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default)
    {
        await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _inner.SaveAsync(snapshot, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<SnapshotEntry?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        _inner.LoadLatestAsync(persistenceId, maxSequenceNr, cancellationToken);

    public ValueTask DeleteToAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteToAsync(persistenceId, maxSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
