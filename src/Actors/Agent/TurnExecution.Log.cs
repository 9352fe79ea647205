using JidoSessions.Client;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Agent;

internal sealed partial class TurnExecution
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Trace, Message = "Session {SessionId} turn {TurnId} calls {Model} with {MessageCount} messages (~{EstimatedTokens} tokens); user: {UserText}")]
    private static partial void LogPrompt(ILogger logger, SessionId sessionId, long turnId, string model, int messageCount, int estimatedTokens, string userText);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Trace, Message = "Session {SessionId} turn {TurnId} completion: {Completion}")]
    private static partial void LogCompletion(ILogger logger, SessionId sessionId, long turnId, string completion);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Session {SessionId} turn {TurnId} was interrupted and what was said could not be recorded")]
    private static partial void LogInterruptedNotRecorded(ILogger logger, Exception exception, SessionId sessionId, long turnId);
}
