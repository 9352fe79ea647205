using Microsoft.Extensions.Logging;

namespace JidoSessions.Runtime.Logging;

/// <summary>The runtime's log messages.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Actor {ActorPath} failed; supervisor directive: {Directive}")]
    public static partial void ActorFailed(ILogger logger, Exception exception, string actorPath, Directive directive);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Stopping failed child {ActorPath} (restarts in the window so far: {Restarts}; failure: {ExceptionType})")]
    public static partial void StoppingFailedChild(ILogger logger, string actorPath, int restarts, string exceptionType);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Hook} of {ActorPath} threw")]
    public static partial void HookFailed(ILogger logger, Exception exception, string hook, string actorPath);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{ActorPath} failed while stopping; the failure is ignored")]
    public static partial void FailureWhileStopping(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Dead letter: {MessageType} to {ActorPath}")]
    public static partial void DeadLetter(ILogger logger, string messageType, string actorPath);
}
