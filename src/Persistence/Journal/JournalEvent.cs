namespace JidoSessions.Persistence.Journal;

/// <summary>One stored event, as returned by <see cref="IJournal.ReadAsync"/>.</summary>
/// <param name="Ordering">Store-wide insertion order; increases with every appended row.</param>
/// <param name="PersistenceId">The persistence id the event belongs to.</param>
/// <param name="SequenceNr">The event's sequence number within its persistence id.</param>
/// <param name="Created">When the append was committed (UTC, millisecond precision), from the store's <see cref="TimeProvider"/>.</param>
/// <param name="Manifest">The type manifest the event was written with.</param>
/// <param name="Payload">The serialized event, exactly as written.</param>
public sealed record JournalEvent(
    long Ordering,
    string PersistenceId,
    long SequenceNr,
    DateTimeOffset Created,
    string Manifest,
    string Payload);
