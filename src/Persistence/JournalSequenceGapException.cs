namespace JidoSessions.Persistence;

/// <summary>
/// Thrown by <see cref="Journal.IJournal.AppendAsync"/> when an append does not continue exactly at the highest
/// stored sequence number + 1, or its events are not contiguous. Nothing of the failed append was written.
/// </summary>
/// <param name="persistenceId">The persistence id that was appended to.</param>
/// <param name="expectedSequenceNr">The sequence number the append had to use at that position.</param>
/// <param name="actualSequenceNr">The sequence number the append used instead.</param>
public sealed class JournalSequenceGapException(string persistenceId, long expectedSequenceNr, long actualSequenceNr)
    : Exception(
        $"Append to persistence id '{persistenceId}' must continue at sequence nr {expectedSequenceNr} " +
        $"but used {actualSequenceNr}.")
{
    /// <summary>The persistence id that was appended to.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The sequence number the append had to use.</summary>
    public long ExpectedSequenceNr { get; } = expectedSequenceNr;

    /// <summary>The sequence number the append used instead.</summary>
    public long ActualSequenceNr { get; } = actualSequenceNr;
}
