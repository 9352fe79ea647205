using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

internal sealed partial class ChatSessionLease
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The one-off chat session {SessionId} could not be ended; its TTL will end it")]
    private static partial void LogOneOffNotEnded(ILogger logger, Exception exception, SessionId sessionId);
}
