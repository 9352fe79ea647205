namespace JidoSessions.Persistence.Journal;

/// <summary>
/// An append-only event journal keyed by persistence id. Disposing it flushes pending writes, then closes the store.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="persistenceId"/> atomically: all of them or none.
    /// </summary>
    /// <remarks>
    /// The first sequence number must be the highest stored + 1 and the events contiguous, otherwise
    /// <see cref="JournalSequenceGapException"/>. If a row with one of the sequence numbers already exists (another
    /// writer got there first) the append fails with <see cref="JournalConcurrencyException"/>. The task completes only
    /// after the transaction holding the events committed (durable). Concurrent calls are group-committed by one writer,
    /// and one caller's failure never fails another's append. The cancellation token is honoured until the writer takes
    /// the append into a batch; after that the call reports the batch's real outcome. An empty list is a no-op.
    /// </remarks>
    ValueTask AppendAsync(string persistenceId, IReadOnlyList<EventToWrite> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the events of <paramref name="persistenceId"/> with sequence numbers in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], ascending, skipping deleted ones.
    /// </summary>
    IAsyncEnumerable<JournalEvent> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence number stored for <paramref name="persistenceId"/>, or 0 if there is none.
    /// Deleted events still count, so a persistence id never reuses a sequence number.
    /// </summary>
    ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the events of <paramref name="persistenceId"/> up to and including <paramref name="toSequenceNr"/> as deleted.
    /// The delete is logical: <see cref="ReadAsync"/> skips them, the highest sequence number is never forgotten.
    /// Completes after the change committed.
    /// </summary>
    ValueTask DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>
    /// The distinct persistence ids that start with <paramref name="prefix"/> (ordinal, case-sensitive) and have at
    /// least one row, deleted or not, in ordinal order. An empty prefix lists every id.
    /// </summary>
    IAsyncEnumerable<string> ReadPersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default);
}
