using JidoSessions.Host.Http.Auth;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// Opens every configured tenant's event hub when the host starts, before it takes requests, so events of sessions
/// created before the first subscriber arrives are numbered and kept for replay (a client reconnecting after a
/// restart gets them). A hub that cannot open now opens on its first subscriber.
/// </summary>
internal sealed partial class EventHubStartup(EventHubs hubs, ApiKeyRegistry keys, ILogger<EventHubStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in keys.Tenants)
        {
            try
            {
                await hubs.For(tenant).StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHubNotStarted(logger, e, tenant.Value);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event stream of tenant {Tenant} did not open at start; it opens on its first subscriber.")]
    private static partial void LogHubNotStarted(ILogger logger, Exception exception, string tenant);
}
