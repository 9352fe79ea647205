namespace JidoSessions.Host.Http.Problems;

internal sealed partial class ProblemExceptionMiddleware
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure of {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
