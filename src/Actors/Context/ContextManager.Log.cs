using JidoSessions.Client;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Context;

internal sealed partial class ContextManager
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Trace, Message = "Session {SessionId} records turn at {Sequence}: user {UserText}, assistant {AssistantText}")]
    private static partial void LogTurnText(ILogger logger, SessionId sessionId, long sequence, string userText, string assistantText);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Session {SessionId} history trimmed through {Sequence}; {Count} messages kept")]
    private static partial void LogHistoryTrimmed(ILogger logger, SessionId sessionId, long sequence, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Session {SessionId} file {Path} added ({Length} bytes)")]
    private static partial void LogFileAdded(ILogger logger, SessionId sessionId, string path, int length);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Session {SessionId} file {Path} removed")]
    private static partial void LogFileRemoved(ILogger logger, SessionId sessionId, string path);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Session {SessionId} rejected a file: {Reason}")]
    private static partial void LogFileRejected(ILogger logger, SessionId sessionId, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Session {SessionId} context snapshot saved at {SequenceNr}")]
    private static partial void LogSnapshotSaved(ILogger logger, SessionId sessionId, long sequenceNr);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Session {SessionId} context snapshot at {SequenceNr} failed; the journal still has every event")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, SessionId sessionId, long sequenceNr);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Session {SessionId} could not delete context snapshots through {SequenceNr}")]
    private static partial void LogSnapshotCleanupFailed(ILogger logger, Exception exception, SessionId sessionId, long sequenceNr);

}
