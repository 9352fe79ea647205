using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

namespace JidoSessions.Host.Hosting;

/// <summary>
/// Ready once every hosted service (the session system first among them) has started, until the host begins to
/// stop, and only while the session system answers: each probe makes one listing round trip (the SessionManager and
/// the directory read side behind it), cached for a second so probes cannot load the system.
/// </summary>
internal sealed class Readiness(IHostApplicationLifetime lifetime, IServiceProvider services, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private (DateTimeOffset At, bool Ready)? _last;

    public bool IsStarted => lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>True when the host has started and the session system answered a probe.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (!IsStarted)
        {
            return false;
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_last is { } last && now - last.At < CacheFor)
            {
                return last.Ready;
            }
        }

        var ready = await ProbeAsync(cancellationToken);
        lock (_lock)
        {
            _last = (now, ready);
        }

        return ready;
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<SessionSystemHost>() is not { IsReady: true } host)
        {
            // Another backend (tests register fakes): started is all we know.
            return services.GetService<SessionSystemHost>() is null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await host.ForTenant(TenantId.Default).ListAsync(new ListSessionsQuery(Limit: 1), timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SessionException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }
}
