using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Actors;

public abstract partial class PersistentActor
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Persisting event {EventType} at {SequenceNr} for {PersistenceId} failed; the actor stops")]
    private static partial void LogPersistFailure(ILogger logger, Exception exception, string persistenceId, long sequenceNr, string eventType);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Recovery of {PersistenceId} failed; the actor stops")]
    private static partial void LogRecoveryFailure(ILogger logger, Exception exception, string persistenceId);
}
