using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Llm;
using JidoSessions.Actors.Sessions;
using JidoSessions.Host.Configuration.Options;
using Microsoft.Extensions.AI;
using ActorStorage = JidoSessions.Actors.Hosting.StorageOptions;
using ActorStorageProvider = JidoSessions.Actors.Hosting.StorageProvider;
using StorageProvider = JidoSessions.Host.Configuration.Options.StorageProvider;

namespace JidoSessions.Host.Hosting;

/// <summary>
/// The one place the session system is registered: maps the host's options to the backend's and calls its
/// registration. Everything else resolves <see cref="Client.ISessionClientFactory"/> from DI.
/// </summary>
internal static class SessionBackend
{
    private const string LlmHttpClient = "jido-llm";

    public static void Add(IServiceCollection services, JidoOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddJidoSessionsCore(ToSystemOptions(options));
        if (options.Llm.Provider == LlmProvider.OpenAi)
        {
            AddOpenAi(services, options.Llm);
        }
    }

    public static SessionSystemOptions ToSystemOptions(JidoOptions options)
    {
        var defaults = new SessionDefaults();
        return new SessionSystemOptions
        {
            Shards = options.Sessions.Shards,
            IdleTimeout = options.Sessions.IdleTimeout,
            Ttl = options.Sessions.Ttl,
            TtlSweepInterval = options.Sessions.TtlSweepInterval,
            MaxRestarts = options.Sessions.MaxRestarts,
            RestartWindow = options.Sessions.RestartWindow,
            SnapshotEvery = options.Sessions.SnapshotEvery,
            MaxMessageChars = options.Http.MaxMessageChars,
            Defaults = defaults with
            {
                Model = options.Llm.Provider == LlmProvider.OpenAi ? options.Llm.OpenAiModel : defaults.Model,
                MaxHistory = options.Sessions.MaxHistory,
                MaxFiles = options.Sessions.MaxFiles,
                TokenBudget = options.Sessions.TokenBudget,
            },
            Cluster = new ClusterSettings
            {
                Hostname = options.Akka.Hostname,
                Port = options.Akka.Port,
                SeedNodes = options.Akka.SeedNodes,
                Roles = options.Akka.Roles,
            },
            AkkaHocon = options.Akka.Hocon,
            Tokenizer = options.Llm.Tokenizer,
            Storage = new ActorStorage
            {
                Provider = options.Storage.Provider switch
                {
                    StorageProvider.Postgres => ActorStorageProvider.Postgres,
                    StorageProvider.Memory => ActorStorageProvider.Memory,
                    _ => ActorStorageProvider.Sqlite,
                },
                SqlitePath = options.Storage.SqlitePath,
                SqliteSynchronousFull = options.Storage.SqliteSynchronous == SqliteSynchronousMode.Full,
                PostgresConnectionString = options.Storage.PostgresConnectionString,
                PostgresSchema = options.Storage.PostgresSchema,
            },
        };
    }

    private static void AddOpenAi(IServiceCollection services, LlmOptions llm)
    {
        // The chat client applies its own per-attempt timeout and retries (on the injected TimeProvider).
        services.AddHttpClient(LlmHttpClient, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IChatClient>(sp => OpenAiChatClientFactory.Create(
            new OpenAiChatClientOptions
            {
                BaseUrl = llm.OpenAiBaseUrl,
                Model = llm.OpenAiModel,
                ApiKey = Environment.GetEnvironmentVariable(llm.OpenAiApiKeyEnv) is { Length: > 0 } key ? key : null,
                RequestTimeout = llm.OpenAiTimeout,
                MaxRetries = llm.OpenAiMaxRetries,
            },
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttpClient),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
