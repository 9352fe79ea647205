using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Sessions;
using JidoSessions.Persistence.Directory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Hosting;

/// <summary>
/// Starts JidoSessions inside an actor system that was not built with Akka.Hosting (an Akka.TestKit system): the
/// same regions, SessionManager and registry entries as <see cref="JidoSessionsAkkaExtensions.WithJidoSessions"/>.
/// The system must have been created with <see cref="Config"/> (cluster provider, loopback remoting, in-memory
/// persistence) merged into its configuration.
/// </summary>
public static class SessionSystemBootstrap
{
    /// <summary>HOCON for a single-node cluster on loopback with a random port and Akka's in-memory journal and snapshot store.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.sharding.state-store-mode = ddata
        akka.cluster.sharding.remember-entities = off
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.loglevel = WARNING
        """).WithFallback(ConfigurationFactory.ParseString(Support.CompactMailbox.Hocon));

    /// <summary>Starts the session system in <paramref name="system"/> and returns once this node is Up and it answers.</summary>
    public static async Task<SessionSystem> StartAsync(
        ActorSystem system,
        SessionSystemOptions options,
        IChatClient? chatClient = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        ISessionDirectoryStore? directory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var services = JidoSessionsAkkaExtensions.CreateServices(system, options, loggerFactory, timeProvider, chatClient, directory);
        var sharding = ClusterSharding.Get(system);
        ClusterShardingSettings Settings(string passivateAfter) => ClusterShardingSettings.Create(
            ConfigurationFactory.ParseString($"passivate-idle-entity-after = {passivateAfter}")
                .WithFallback(system.Settings.Config.GetConfig("akka.cluster.sharding")),
            system.Settings.Config.GetConfig("akka.cluster.singleton")).WithRememberEntities(false);
        var sessions = await sharding.StartAsync(
            "session",
            id => SessionEntity.Props(id, services),
            Settings("off"),
            new SessionMessageExtractor(options.Shards),
            ShardAllocationStrategy.LeastShardAllocationStrategy(1, 1),
            StopSession.Instance).ConfigureAwait(false);
        var keys = await sharding.StartAsync(
            "session-key",
            KeyEntity.Props,
            Settings($"{(long)options.IdleTimeout.TotalMilliseconds}ms"),
            new KeyMessageExtractor(options.Shards),
            ShardAllocationStrategy.LeastShardAllocationStrategy(1, 1),
            PoisonPill.Instance).ConfigureAwait(false);
        var registry = ActorRegistry.For(system);
        registry.Register<SessionRegion>(sessions);
        registry.Register<KeyRegion>(keys);
        registry.Register<SessionManagerActor>(system.ActorOf(SessionManager.Props(services), "sessions"));
        system.ActorOf(TtlSweeper.Props(services), "ttl-sweeper");

        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await cluster.JoinAsync(cluster.SelfAddress, cancellationToken).ConfigureAwait(false);
        await up.Task.WaitAsync(options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var sessionSystem = SessionSystem.For(system);
        await sessionSystem.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        return sessionSystem;
    }
}
