using JidoSessions.Client;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Agent;

internal sealed partial class LlmAgent
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Session {SessionId} ({Tenant}) turn {TurnId} started with {Model} (streaming: {Streaming})")]
    private static partial void LogTurnStarted(ILogger logger, SessionId sessionId, TenantId tenant, long turnId, string model, bool streaming);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Session {SessionId} ({Tenant}) turn {TurnId} completed at sequence {Sequence} in {ElapsedMs} ms")]
    private static partial void LogTurnCompleted(ILogger logger, SessionId sessionId, TenantId tenant, long turnId, long sequence, double elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Session {SessionId} ({Tenant}) turn {TurnId} failed ({Kind}); nothing appended")]
    private static partial void LogTurnFailed(ILogger logger, Exception? exception, SessionId sessionId, TenantId tenant, long turnId, string kind);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Session {SessionId} ({Tenant}) turn {TurnId} cancelled (partial exchange recorded: {Recorded})")]
    private static partial void LogTurnCancelled(ILogger logger, SessionId sessionId, TenantId tenant, long turnId, bool recorded);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Session {SessionId} ({Tenant}) rejected a message during turn {TurnId}")]
    private static partial void LogRejected(ILogger logger, SessionId sessionId, TenantId tenant, long turnId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "Session {SessionId} ({Tenant}) turn {TurnId} interrupted by a new message")]
    private static partial void LogInterrupted(ILogger logger, SessionId sessionId, TenantId tenant, long turnId);
}
