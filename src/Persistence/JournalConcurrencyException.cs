namespace JidoSessions.Persistence;

/// <summary>
/// Thrown by <see cref="Journal.IJournal.AppendAsync"/> when an event with the requested sequence number already
/// exists for the persistence id: another writer appended it first. Nothing of the failed append was written.
/// </summary>
/// <param name="persistenceId">The persistence id that was appended to.</param>
/// <param name="sequenceNr">The first sequence number of the rejected append.</param>
/// <param name="innerException">The database error that revealed the conflict, if any.</param>
public sealed class JournalConcurrencyException(string persistenceId, long sequenceNr, Exception? innerException = null)
    : Exception(
        $"Event {sequenceNr} of persistence id '{persistenceId}' already exists: another writer appended it first.",
        innerException)
{
    /// <summary>The persistence id that was appended to.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The first sequence number of the rejected append, which is already taken.</summary>
    public long SequenceNr { get; } = sequenceNr;
}
