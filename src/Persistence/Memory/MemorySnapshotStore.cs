using JidoSessions.Persistence.Snapshots;

namespace JidoSessions.Persistence.Memory;

/// <summary>An in-process snapshot store; nothing survives the process.</summary>
public sealed class MemorySnapshotStore : ISnapshotStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<long, SnapshotEntry>> _snapshots = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(snapshot.PersistenceId, out var entries))
            {
                _snapshots[snapshot.PersistenceId] = entries = [];
            }

            entries[snapshot.SequenceNr] = snapshot;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<SnapshotEntry?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var latest = _snapshots.TryGetValue(persistenceId, out var entries)
                ? entries.Values.LastOrDefault(e => e.SequenceNr <= maxSequenceNr)
                : null;
            return ValueTask.FromResult(latest);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteToAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_snapshots.TryGetValue(persistenceId, out var entries))
            {
                foreach (var key in entries.Keys.Where(k => k <= maxSequenceNr).ToArray())
                {
                    entries.Remove(key);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
