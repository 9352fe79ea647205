using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.DependencyInjection;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using System.Data;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Persistence;
using JidoSessions.Actors.Remoting;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Client;
using JidoSessions.Persistence.Directory;
using JidoSessions.Persistence.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Actors.Hosting;

/// <summary>Adds JidoSessions to an Akka.Hosting actor system.</summary>
public static class JidoSessionsAkkaExtensions
{
    private static readonly ConditionalWeakTable<ActorSystem, SessionServices> Services = new();

    /// <summary>
    /// Adds the session system to this actor system: remoting and a cluster (a single node on loopback that joins
    /// itself unless <see cref="SessionSystemOptions.Cluster"/> names seed nodes), DistributedPubSub, the "session" and
    /// "session-key" shard regions (registered as <see cref="SessionRegion"/> and <see cref="KeyRegion"/>), this node's
    /// SessionManager (<see cref="SessionManagerActor"/>) and the journal and snapshot store. The model is the
    /// <see cref="IChatClient"/> registered in DI, else the embedded deterministic local model; logging, the clock
    /// (<see cref="TimeProvider"/>) and the listing read side (<see cref="ISessionDirectoryStore"/>) come from DI too
    /// when registered. Get clients with <see cref="SessionSystem.For(ActorSystem)"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithJidoSessions(this AkkaConfigurationBuilder builder, SessionSystemOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var holder = new ServicesHolder(options);
        var cluster = options.Cluster;

        builder
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithRemoting(cluster.Hostname, cluster.Port)
            .WithClustering(new ClusterOptions { SeedNodes = [.. cluster.SeedNodes], Roles = [.. cluster.Roles] })
            .WithDistributedPubSub(role: null!)
            .AddHocon($"akka.persistence.max-concurrent-recoveries = {options.Storage.EffectiveMaxConcurrentRecoveries}", HoconAddMode.Prepend)
            .AddHocon(CompactMailbox.Hocon, HoconAddMode.Append);
        if (options.AkkaHocon is { Length: > 0 } hocon)
        {
            builder.AddHocon(hocon, HoconAddMode.Prepend);
        }

        WithStorage(builder, options.Storage);
        builder
            .WithCustomSerializer("jido-wire", [.. JidoWireSerializer.BoundTypes], system => new JidoWireSerializer(system))
            .WithShardRegion<SessionRegion>(
                "session",
                (system, _, resolver) =>
                {
                    var services = holder.Get(system, resolver);
                    return id => SessionEntity.Props(id, services);
                },
                new SessionMessageExtractor(options.Shards),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    RememberEntities = false,
                    ShouldPassivateIdleEntities = false,
                    HandOffStopMessage = StopSession.Instance,
                })
            .WithShardRegion<KeyRegion>(
                "session-key",
                (_, _, _) => KeyEntity.Props,
                new KeyMessageExtractor(options.Shards),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    RememberEntities = false,
                    ShouldPassivateIdleEntities = true,
                    PassivateIdleEntityAfter = options.IdleTimeout,
                })
            .WithActors((system, registry, resolver) =>
            {
                var services = holder.Get(system, resolver);
                registry.Register<SessionManagerActor>(system.ActorOf(SessionManager.Props(services), "sessions"));
                system.ActorOf(TtlSweeper.Props(services), "ttl-sweeper");
            });
        if (cluster.SeedNodes.Count == 0)
        {
            builder.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
        }

        return builder;
    }

    /// <summary>The services of a system started with <see cref="WithJidoSessions"/>.</summary>
    internal static SessionServices ServicesOf(ActorSystem system) =>
        Services.TryGetValue(system, out var services)
            ? services
            : throw new InvalidOperationException($"Actor system '{system.Name}' was not configured with WithJidoSessions.");

    /// <summary>The persisted types and their manifests.</summary>
    internal static EventSerializer BuildSerializer() => new EventSerializerBuilder()
        .AddSessionEvents()
        .AddContextEvents()
        .AddKeyEvents()
        .Build();

    /// <summary>The journal and snapshot store, and the serializer every persisted type goes through.</summary>
    private static void WithStorage(AkkaConfigurationBuilder builder, StorageOptions storage)
    {
        var registry = BuildSerializer();
        builder.WithCustomSerializer("jido-json", [.. registry.Types], system => new JidoJsonSerializer(system, registry));
        switch (storage.Provider)
        {
            case StorageProvider.Memory:
                builder.WithInMemoryJournal().WithInMemorySnapshotStore();
                break;
            case StorageProvider.Sqlite:
                var path = Path.GetFullPath(storage.SqlitePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var quoted = System.Text.Json.JsonSerializer.Serialize(path);
                var full = storage.SqliteSynchronousFull ? "true" : "false";
                builder.AddHocon($$"""
                    akka.persistence.journal.plugin = "jido.persistence.journal.sqlite"
                    akka.persistence.snapshot-store.plugin = "jido.persistence.snapshot-store.sqlite"
                    jido.persistence.journal.sqlite {
                      class = "{{typeof(SqliteJournal).AssemblyQualifiedName}}"
                      plugin-dispatcher = "akka.actor.default-dispatcher"
                      path = {{quoted}}
                      synchronous-full = {{full}}
                      # The store refuses a second writer's sequence numbers (unique per persistence id), so a replay
                      # never interleaves two writers: Akka's replay filter would only add a child actor per recovery.
                      replay-filter.mode = off
                    }
                    jido.persistence.snapshot-store.sqlite {
                      class = "{{typeof(SqliteSnapshotStore).AssemblyQualifiedName}}"
                      plugin-dispatcher = "akka.actor.default-dispatcher"
                      path = {{quoted}}
                      synchronous-full = {{full}}
                    }
                    """, HoconAddMode.Prepend);
                break;
            default:
                WithSql(builder, storage.PostgresConnectionString!, "PostgreSQL.15", storage.PostgresSchema, null);
                break;
        }
    }

    private static void WithSql(AkkaConfigurationBuilder builder, string connectionString, string provider, string? schema, IsolationLevel? readIsolation)
    {
        var journal = new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = provider,
            AutoInitialize = true,
            ReadIsolationLevel = readIsolation,
        };
        var snapshots = new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = provider,
            AutoInitialize = true,
            ReadIsolationLevel = readIsolation,
        };
        if (schema is not null)
        {
            journal.DatabaseOptions = JournalDatabaseOptions.Default;
            journal.DatabaseOptions.SchemaName = schema;
            snapshots.DatabaseOptions = SnapshotDatabaseOptions.Default;
            snapshots.DatabaseOptions.SchemaName = schema;
        }

        builder.WithSqlPersistence(journal, snapshots);
    }

    /// <summary>The listing read side of <paramref name="storage"/>, released when the actor system terminates.</summary>
    private static ISessionDirectoryStore OpenDirectory(ActorSystem system, StorageOptions storage)
    {
        ISessionDirectoryStore store = storage.Provider switch
        {
            StorageProvider.Memory => new InMemoryDirectoryStore(),
            StorageProvider.Sqlite => new SqliteDirectoryStore(storage.SqlitePath, storage.SqliteSynchronousFull),
            _ => new PostgresDirectoryStore(storage.PostgresConnectionString!, storage.PostgresSchema),
        };
        if (store is IDisposable disposable)
        {
            system.RegisterOnTermination(disposable.Dispose);
        }

        return store;
    }

    /// <summary>Creates the services of one system and records them for <see cref="ServicesOf"/>.</summary>
    internal static SessionServices CreateServices(
        ActorSystem system,
        SessionSystemOptions options,
        ILoggerFactory? loggerFactory,
        TimeProvider? time,
        IChatClient? chat,
        ISessionDirectoryStore? directory,
        ContextPropsOverride? contextOverride = null)
    {
        var model = chat ?? new Llm.LocalChatClient();
        var reducer = new TruncatingReducer(TokenEstimator.For(options.Tokenizer, options.Defaults.Model));
        var services = new SessionServices(
            options,
            new SessionEventPublisher(system),
            directory ?? OpenDirectory(system, options.Storage),
            time ?? TimeProvider.System,
            loggerFactory ?? NullLoggerFactory.Instance,
            // Props.Create<T>(args), not Props.Create(() => new T(...)): the expression overload compiles the lambda for
            // every Props it makes, which was a quarter of the CPU of creating a session (dotnet-trace, bench "new").
            contextOverride is { } custom
                ? (id, tenant, owner, s) => custom.Create(id, tenant, owner, s)
                : (id, tenant, owner, s) => Props.Create<ContextManager>(id, tenant, s.Events, s.Time, s.LoggerFactory, owner, s.Options.SnapshotEvery, null!, reducer).WithMailbox(CompactMailbox.ConfigPath),
            (id, tenant, context, owner, s) => Props.Create<LlmAgent>(id, tenant, context, model, s.Options.RequestTimeout, s.Time, s.LoggerFactory, owner).WithMailbox(CompactMailbox.ConfigPath));
        Services.AddOrUpdate(system, services);
        return services;
    }

    /// <summary>Builds the shared services once, from the first callback that has the system's DI resolver.</summary>
    private sealed class ServicesHolder(SessionSystemOptions options)
    {
        private readonly Lock _lock = new();
        private SessionServices? _services;

        public SessionServices Get(ActorSystem system, IDependencyResolver resolver)
        {
            lock (_lock)
            {
                return _services ??= CreateServices(
                    system,
                    options,
                    resolver.GetService<ILoggerFactory>(),
                    resolver.GetService<TimeProvider>(),
                    resolver.GetService<IChatClient>(),
                    resolver.GetService<ISessionDirectoryStore>(),
                    resolver.GetService<ContextPropsOverride>());
            }
        }
    }
}

/// <summary>Tests only: how a session's /context is made instead of the ContextManager (e.g. to inject faults).</summary>
internal sealed record ContextPropsOverride(Func<SessionId, TenantId, IActorRef, SessionServices, Props> Create);
