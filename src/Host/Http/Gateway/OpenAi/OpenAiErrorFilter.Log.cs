namespace JidoSessions.Host.Http.Gateway.OpenAi;

internal sealed partial class OpenAiErrorFilter
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure of {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
