namespace JidoSessions.Host.Hosting;

/// <summary>
/// Ready once every hosted service (the session system first among them) has started, and until the host
/// begins to stop.
/// </summary>
internal sealed class Readiness
{
    private readonly IHostApplicationLifetime _lifetime;

    public Readiness(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

    public bool IsReady => _lifetime.ApplicationStarted.IsCancellationRequested && !_lifetime.ApplicationStopping.IsCancellationRequested;
}
