using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using JidoSessions.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JidoSessions.Actors.Hosting;

/// <summary>Registers the session system in a generic host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Akka.Hosting actor system named <see cref="SessionSystemOptions.SystemName"/> configured with
    /// <see cref="JidoSessionsAkkaExtensions.WithJidoSessions"/>, and <see cref="ISessionClientFactory"/>, ready once
    /// this node is an Up cluster member and its SessionManager answers. The model is the registered
    /// <see cref="Microsoft.Extensions.AI.IChatClient"/>, else the embedded deterministic local model.
    /// </summary>
    public static IServiceCollection AddJidoSessionsCore(this IServiceCollection services, SessionSystemOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddAkka(options.SystemName, builder => builder.WithJidoSessions(options));
        services.AddSingleton<SessionSystemHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionSystemHost>());
        services.AddSingleton<ISessionClientFactory>(sp => sp.GetRequiredService<SessionSystemHost>());
        return services;
    }
}

/// <summary>Waits for the actor system to be ready with the host, then hands out clients.</summary>
public sealed class SessionSystemHost(SessionSystemOptions options, IServiceProvider services) : IHostedService, ISessionClientFactory
{
    private SessionSystem? _system;

    /// <summary>The running system; throws before start.</summary>
    public SessionSystem System => _system ?? throw new SessionUnavailableException("The session system has not started yet.");

    /// <summary>True once started.</summary>
    public bool IsReady => _system is not null;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var actorSystem = services.GetRequiredService<ActorSystem>();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(actorSystem).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var system = SessionSystem.For(actorSystem);

        await system.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        _system = system;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _system = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ISessionClient ForTenant(TenantId tenant) => System.ForTenant(tenant);
}
