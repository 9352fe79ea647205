namespace JidoSessions.Persistence.Journal;

/// <summary>One event to append: its sequence number within the persistence id, manifest and serialized payload.</summary>
/// <param name="SequenceNr">The event's sequence number, starting at 1 for a persistence id.</param>
/// <param name="Manifest">The explicit type manifest the payload is deserialized with (see <c>EventSerializer</c>).</param>
/// <param name="Payload">The serialized event. Stored and returned byte-exact; must not contain NUL characters.</param>
public sealed record EventToWrite(long SequenceNr, string Manifest, string Payload);
