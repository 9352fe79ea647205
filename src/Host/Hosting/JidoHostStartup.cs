using JidoSessions.Client;

namespace JidoSessions.Host.Hosting;

/// <summary>
/// Checks at start that the session backend is registered and, once the host has started, reports where it
/// listens and how to authenticate (printing a generated development key if there is one).
/// </summary>
internal sealed class JidoHostStartup(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<JidoHostStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISessionClientFactory>() is null)
        {
            throw new InvalidOperationException(
                "No session backend is registered: AddJidoSessions should have registered ISessionClientFactory.");
        }

        lifetime.ApplicationStarted.Register(() => services.GetService<StartupReport>()?.Report(logger));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
