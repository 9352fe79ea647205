using JidoSessions.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Hosting;

/// <summary>Registers the session system in a generic host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="SessionSystem"/> that starts with the host (storage opened and migrated, the
    /// manager recovered) and stops with it, and <see cref="ISessionClientFactory"/>. The model is the
    /// registered <see cref="IChatClient"/>, else the embedded deterministic local model.
    /// </summary>
    public static IServiceCollection AddJidoSessionsCore(this IServiceCollection services, SessionSystemOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<SessionSystemHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionSystemHost>());
        services.AddSingleton<ISessionClientFactory>(sp => sp.GetRequiredService<SessionSystemHost>());
        return services;
    }
}

/// <summary>Starts and stops the <see cref="SessionSystem"/> with the host; hands out clients once started.</summary>
public sealed class SessionSystemHost(SessionSystemOptions options, IServiceProvider services) : IHostedService, ISessionClientFactory, IAsyncDisposable
{
    private SessionSystem? _system;

    /// <summary>The running system; throws before start.</summary>
    public SessionSystem System => _system ?? throw new SessionUnavailableException("The session system has not started yet.");

    /// <summary>True once started.</summary>
    public bool IsReady => _system is not null;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var chat = services.GetService(typeof(IChatClient)) as IChatClient;
        var logging = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
        var time = services.GetService(typeof(TimeProvider)) as TimeProvider;
        _system = await SessionSystem.StartAsync(options, chat, logging, time, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is { } system)
        {
            _system = null;
            await system.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ISessionClient ForTenant(TenantId tenant) => System.ForTenant(tenant);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
