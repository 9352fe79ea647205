namespace JidoSessions.Persistence.Snapshots;

/// <summary>
/// Stores snapshots keyed by (persistence id, sequence number). Disposing it flushes pending writes, then closes the store.
/// </summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>
    /// Saves <paramref name="snapshot"/>, replacing one already stored for the same persistence id and sequence
    /// number. Completes after the change committed.
    /// </summary>
    ValueTask SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// The snapshot of <paramref name="persistenceId"/> with the highest sequence number not above
    /// <paramref name="maxSequenceNr"/>, or <see langword="null"/> if there is none.
    /// </summary>
    ValueTask<SnapshotEntry?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the snapshots of <paramref name="persistenceId"/> with sequence numbers up to and including
    /// <paramref name="maxSequenceNr"/>. Completes after the change committed.
    /// </summary>
    ValueTask DeleteToAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default);
}
