using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Client;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Sharding;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Memory;
using JidoSessions.Persistence.Postgres;
using JidoSessions.Persistence.Serialization;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Sqlite;
using JidoSessions.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Actors.Hosting;

/// <summary>
/// A running session system: the actor system, its storage, and <c>/user/sessions</c>. Start one with
/// <see cref="StartAsync"/>, get tenant-scoped clients from <see cref="ForTenant"/>, dispose to stop
/// (actors stop, pending writes are flushed, the store is closed).
/// </summary>
public sealed class SessionSystem : ISessionClientFactory, IAsyncDisposable
{
    private readonly IAsyncDisposable _store;

    private SessionSystem(ActorSystem system, IActorRef manager, SessionEventPublisher events, SessionSystemOptions options, IAsyncDisposable store)
    {
        ActorSystem = system;
        Manager = manager;
        Events = events;
        Options = options;
        _store = store;
    }

    /// <summary>The underlying actor system.</summary>
    public ActorSystem ActorSystem { get; }

    /// <summary>The options it runs with.</summary>
    public SessionSystemOptions Options { get; }

    /// <summary>Publisher of session events (global and per-session topics).</summary>
    public SessionEventPublisher Events { get; }

    internal IActorRef Manager { get; }

    /// <summary>Opens storage (running its migrations), starts the actors, and returns once the manager has recovered.</summary>
    /// <param name="options">Validated here.</param>
    /// <param name="chatClient">The model; null for the embedded deterministic <see cref="Llm.LocalChatClient"/>.</param>
    /// <param name="loggerFactory">Logging; none if null.</param>
    /// <param name="timeProvider">Clock for timeouts, TTLs and timestamps; the system clock if null.</param>
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
        Func<SessionId, TenantId, SessionEventPublisher, Props>? contextProps,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        chatClient ??= new Llm.LocalChatClient();

        var (journal, snapshots, store) = await OpenStorageAsync(options.Storage, timeProvider, loggerFactory, cancellationToken).ConfigureAwait(false);
        var system = ActorSystem.Create(options.SystemName, new ActorSystemSettings { LoggerFactory = loggerFactory, TimeProvider = timeProvider });
        try
        {
            PersistenceExtension.Register(system, new PersistenceExtension(journal, snapshots, BuildSerializer(), options.Storage.MaxConcurrentRecoveries));
            var events = new SessionEventPublisher(system);
            var makeContext = contextProps ?? DefaultContextProps(options);
            var runtime = new SessionRuntime(
                options,
                events,
                (id, tenant) => makeContext(id, tenant, events),
                (id, tenant, context) => Props.Create(() => new LlmAgent(id, tenant, context, chatClient, options.RequestTimeout)));
            var manager = system.ActorOf(Props.Create(() => new SessionManager(runtime)), "sessions");

            // The manager answers only after its recovery: this round trip is the readiness check.
            await manager.Ask<SessionPage>(new ListSessions(TenantId.Default, new ListSessionsQuery(Limit: 1)), options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            return new SessionSystem(system, manager, events, options, store);
        }
        catch
        {
            await system.DisposeAsync().ConfigureAwait(false);
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ISessionClient ForTenant(TenantId tenant) => new InProcessSessionClient(this, tenant);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ActorSystem.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private static Func<SessionId, TenantId, SessionEventPublisher, Props> DefaultContextProps(SessionSystemOptions options) =>
        (id, tenant, publisher) => Props.Create(() => new ContextManager(id, tenant, publisher, options.SnapshotEvery));

    internal static EventSerializer BuildSerializer() => new EventSerializerBuilder()
        .AddSessionEvents()
        .AddDirectoryEvents()
        .AddContextEvents()
        .Build();

    private static async Task<(IJournal Journal, ISnapshotStore Snapshots, IAsyncDisposable Store)> OpenStorageAsync(
        StorageOptions storage, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        switch (storage.Provider)
        {
            case StorageProvider.Memory:
                var journal = new MemoryJournal(time);
                return (journal, new MemorySnapshotStore(), journal);
            case StorageProvider.Sqlite:
                var folder = Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath));
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                var sqlite = await SqliteStore.OpenAsync(
                    new SqliteStoreOptions(storage.SqlitePath, storage.SqliteSynchronousFull ? SqliteSynchronous.Full : SqliteSynchronous.Normal),
                    time, loggerFactory, cancellationToken).ConfigureAwait(false);
                return (sqlite, sqlite, sqlite);
            default:
                var postgres = await PostgresStore.OpenAsync(
                    new PostgresStoreOptions(storage.PostgresConnectionString!, storage.PostgresSchema),
                    time, loggerFactory, cancellationToken).ConfigureAwait(false);
                return (postgres, postgres, postgres);
        }
    }
}
