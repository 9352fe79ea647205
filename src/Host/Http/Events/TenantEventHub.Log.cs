namespace JidoSessions.Host.Http.Events;

internal sealed partial class TenantEventHub
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The event stream of tenant {Tenant} failed; its subscribers were disconnected")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of tenant {Tenant} fell behind at event {EventId} and was disconnected")]
    private static partial void LogSlowListener(ILogger logger, string tenant, long eventId);
}
