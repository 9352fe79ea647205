namespace JidoSessions.Persistence.Snapshots;

/// <summary>A snapshot of a persistent entity's state after <paramref name="SequenceNr"/>.</summary>
/// <param name="PersistenceId">The persistence id the snapshot belongs to.</param>
/// <param name="SequenceNr">The sequence number of the last event the snapshot includes.</param>
/// <param name="Created">When the snapshot was taken; stored as UTC with millisecond precision.</param>
/// <param name="Manifest">The type manifest the payload is deserialized with.</param>
/// <param name="Payload">The serialized state. Stored and returned byte-exact; must not contain NUL characters.</param>
public sealed record SnapshotEntry(string PersistenceId, long SequenceNr, DateTimeOffset Created, string Manifest, string Payload);
