using Akka.Actor;
using Akka.Hosting;
using JidoSessions.Actors.Client;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Hosting;

/// <summary>
/// A running session system: the actor system, its regions and its SessionManager. In an Akka.Hosting app get it with
/// <see cref="For(ActorSystem)"/>; standalone, <see cref="StartAsync"/> starts a small generic host of its own that
/// <see cref="DisposeAsync"/> stops. Hands out tenant-scoped clients (<see cref="ForTenant"/>).
/// </summary>
public sealed class SessionSystem : ISessionClientFactory, IAsyncDisposable
{
    private readonly IHost? _ownedHost;

    private SessionSystem(ActorSystem system, SessionServices services, IHost? ownedHost)
    {
        ActorSystem = system;
        Services = services;
        var registry = ActorRegistry.For(system);
        Manager = registry.Get<SessionManagerActor>();
        Sessions = registry.Get<SessionRegion>();
        Keys = registry.Get<KeyRegion>();
        _ownedHost = ownedHost;
    }

    /// <summary>The underlying actor system.</summary>
    public ActorSystem ActorSystem { get; }

    /// <summary>The options it runs with.</summary>
    public SessionSystemOptions Options => Services.Options;

    /// <summary>Publisher of session events (EventStream and DistributedPubSub topics).</summary>
    public SessionEventPublisher Events => Services.Events;

    internal SessionServices Services { get; }

    internal IActorRef Manager { get; }

    internal IActorRef Sessions { get; }

    internal IActorRef Keys { get; }

    /// <summary>The session system of an actor system configured with <see cref="JidoSessionsAkkaExtensions.WithJidoSessions"/>.</summary>
    public static SessionSystem For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new SessionSystem(system, JidoSessionsAkkaExtensions.ServicesOf(system), null);
    }

    /// <summary>Starts a session system in a host of its own and returns once it answers requests.</summary>
    /// <param name="options">Validated here.</param>
    /// <param name="chatClient">The model; null for the embedded deterministic <see cref="Llm.LocalChatClient"/>.</param>
    /// <param name="loggerFactory">Logging; none if null.</param>
    /// <param name="timeProvider">Clock for idle and TTL timers and timestamps; the system clock if null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static Task<SessionSystem> StartAsync(
        SessionSystemOptions options,
        IChatClient? chatClient = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, chatClient, loggerFactory, timeProvider, null, cancellationToken);

    internal static async Task<SessionSystem> StartCoreAsync(
        SessionSystemOptions options,
        IChatClient? chatClient,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        ContextPropsOverride? contextOverride,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Services.AddLogging();
        }

        if (chatClient is not null)
        {
            builder.Services.AddSingleton(chatClient);
        }

        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        if (contextOverride is not null)
        {
            builder.Services.AddSingleton(contextOverride);
        }

        builder.Services.AddJidoSessionsCore(options);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var system = For(host.Services.GetRequiredService<ActorSystem>());
            return new SessionSystem(system.ActorSystem, system.Services, host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ISessionClient ForTenant(TenantId tenant) => new InProcessSessionClient(this, tenant);

    /// <summary>
    /// The readiness check: a listing round trip (the read side answers) and one request through each region, so the
    /// shard coordinators are up before the first real request (measured: ~270 ms of a first request after a start
    /// went there). The probes name no stored session or key and write nothing.
    /// </summary>
    internal async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var client = ForTenant(TenantId.Default);
        await client.ListAsync(new ListSessionsQuery(Limit: 1), cancellationToken).ConfigureAwait(false);
        await client.FindByKeyAsync(SessionKey.Parse("jido:readiness-probe"), cancellationToken).ConfigureAwait(false);
        try
        {
            await client.GetInfoAsync(SessionId.New(), cancellationToken).ConfigureAwait(false);
        }
        catch (SessionNotFoundException)
        {
            // The expected answer for an id nobody opened.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownedHost is { } host)
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
    }
}
