namespace JidoSessions.Persistence;

/// <summary>Writing an actor's events failed; the actor has been stopped and its state is not ahead of the journal.</summary>
public sealed class PersistFailedException(string persistenceId, long sequenceNr, Exception innerException)
    : Exception($"Persisting events of '{persistenceId}' from sequence number {sequenceNr} failed.", innerException)
{
    /// <summary>The persistence id.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The first sequence number of the failed write.</summary>
    public long SequenceNr { get; } = sequenceNr;
}
