using JidoSessions.Actors.Llm;
using JidoSessions.Client;

namespace JidoSessions.Host.Configuration.Options;

/// <summary>Binds <see cref="JidoOptions"/> from configuration, reporting every invalid key at once.</summary>
internal static class JidoOptionsBinder
{
    private static readonly TimeSpan Forever = TimeSpan.FromDays(3650);

    /// <exception cref="JidoConfigurationException">Some keys are invalid.</exception>
    public static JidoOptions Bind(IConfiguration configuration)
    {
        var read = new ConfigReader(configuration);
        var options = new JidoOptions
        {
            Sessions = BindSessions(read, new SessionsOptions()),
            Storage = BindStorage(read, new StorageOptions()),
            Llm = BindLlm(read, new LlmOptions()),
            Http = BindHttp(read, new HttpOptions()),
            Auth = BindAuth(read, new AuthOptions()),
            Akka = AkkaOptionsBinder.Bind(configuration, read),
        };
        return read.Errors.Count > 0 ? throw new JidoConfigurationException(read.Errors) : options;
    }

    private static SessionsOptions BindSessions(ConfigReader read, SessionsOptions d) => new()
    {
        Shards = read.Int("jido:sessions:shards", d.Shards, 1, 1024),
        IdleTimeout = read.Duration("jido:sessions:idle-timeout", d.IdleTimeout, TimeSpan.FromMilliseconds(10), Forever),
        Ttl = read.Duration("jido:sessions:ttl", d.Ttl, TimeSpan.FromMilliseconds(10), Forever),
        TtlSweepInterval = read.Duration("jido:sessions:ttl-sweep-interval", d.TtlSweepInterval, TimeSpan.FromMilliseconds(10), Forever),
        MaxHistory = read.Int("jido:sessions:max-history", d.MaxHistory, 1, 100_000),
        MaxFiles = read.Int("jido:sessions:max-files", d.MaxFiles, 0, 10_000),
        TokenBudget = read.Int("jido:sessions:token-budget", d.TokenBudget, 64, 2_000_000),
        MaxRestarts = read.Int("jido:sessions:max-restarts", d.MaxRestarts, 0, 1000),
        RestartWindow = read.Duration("jido:sessions:restart-window", d.RestartWindow, TimeSpan.FromMilliseconds(1), Forever),
        SnapshotEvery = read.Int("jido:sessions:snapshot-every", d.SnapshotEvery, 1, 1_000_000),
    };

    private static StorageOptions BindStorage(ConfigReader read, StorageOptions d)
    {
        var options = new StorageOptions
        {
            Provider = read.Enum("jido:storage:provider", d.Provider),
            SqlitePath = read.String("jido:storage:sqlite:path", d.SqlitePath),
            SqliteSynchronous = read.Enum("jido:storage:sqlite:synchronous", d.SqliteSynchronous),
            PostgresConnectionString = read.OptionalString("jido:storage:postgres:connection-string"),
            PostgresSchema = read.String("jido:storage:postgres:schema", d.PostgresSchema),
        };
        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            read.Fail("jido:storage:sqlite:path", "must name a file when jido:storage:provider = sqlite");
        }

        if (options.Provider == StorageProvider.Postgres && options.PostgresConnectionString is null)
        {
            read.Fail("jido:storage:postgres:connection-string", "is required when jido:storage:provider = postgres", "set JIDO_POSTGRES");
        }

        return options;
    }

    private static LlmOptions BindLlm(ConfigReader read, LlmOptions d) => new()
    {
        Provider = read.Enum("jido:llm:provider", d.Provider),
        Tokenizer = Tokenizer(read, "jido:llm:tokenizer", d.Tokenizer),
        OpenAiBaseUrl = read.AbsoluteUrl("jido:llm:openai:base-url", d.OpenAiBaseUrl)!,
        OpenAiModel = read.String("jido:llm:openai:model", d.OpenAiModel),
        OpenAiApiKeyEnv = read.String("jido:llm:openai:api-key-env", d.OpenAiApiKeyEnv),
        OpenAiTimeout = read.Duration("jido:llm:openai:timeout", d.OpenAiTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
        OpenAiMaxRetries = read.Int("jido:llm:openai:max-retries", d.OpenAiMaxRetries, 0, 10),
    };

    private static LlmTokenizer Tokenizer(ConfigReader read, string key, LlmTokenizer fallback)
    {
        var text = read.OptionalString(key);
        if (text is null)
        {
            return fallback;
        }

        if (LlmTokenizers.TryParse(text, out var tokenizer))
        {
            return tokenizer;
        }

        read.Fail(key, "is not one of auto, o200k_base, cl100k_base");
        return fallback;
    }

    private static HttpOptions BindHttp(ConfigReader read, HttpOptions d)
    {
        var urls = read.StringList("jido:http:urls");
        for (var i = 0; i < urls.Count; i++)
        {
            if (!Uri.TryCreate(urls[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                read.Fail($"jido:http:urls:{i}", "is not an http(s) URL");
            }
        }

        return new HttpOptions
        {
            Urls = urls.Count > 0 ? urls : d.Urls,
            MaxRequestBody = read.Size("jido:http:max-request-body", d.MaxRequestBody, 1024, 1L << 30),
            MaxMessageChars = read.Int("jido:http:max-message-chars", d.MaxMessageChars, 1, 10_000_000),
            SseHeartbeat = read.Duration("jido:http:sse-heartbeat", d.SseHeartbeat, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
            EventReplay = read.Int("jido:http:event-replay", d.EventReplay, 0, 1_000_000),
            EventReplayBytes = read.Size("jido:http:event-replay-bytes", d.EventReplayBytes, 0, 1L << 30),
            SubscriberQueue = read.Int("jido:http:subscriber-queue", d.SubscriberQueue, 16, 1_000_000),
            SubscriberBuffer = read.Size("jido:http:subscriber-buffer", d.SubscriberBuffer, 16 * 1024, 1L << 30),
            MaxSubscriptions = read.Int("jido:http:max-subscriptions", d.MaxSubscriptions, 1, 1_000_000),
            RateLimitRequests = read.Int("jido:http:rate-limit:requests", d.RateLimitRequests, 0, 1_000_000),
            RateLimitPeriod = read.Duration("jido:http:rate-limit:period", d.RateLimitPeriod, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
        };
    }

    private static AuthOptions BindAuth(ConfigReader read, AuthOptions d)
    {
        var tenants = new List<TenantKeys>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in read.Items("jido:auth:tenants"))
        {
            var idKey = item.Path + ":id";
            if (!TenantId.TryParse(item["id"], out var id))
            {
                read.Fail(idKey, "is not a tenant id", "1-64 of a-z, 0-9, '.', '_', '-'");
                continue;
            }

            if (tenants.Any(t => t.Id == id))
            {
                read.Fail(idKey, "names a tenant twice");
            }

            var keys = read.StringList(item.Path + ":api-keys");
            for (var i = 0; i < keys.Count; i++)
            {
                if (keys[i].Length < AuthOptions.MinKeyLength || keys[i].Any(char.IsWhiteSpace))
                {
                    read.Fail($"{item.Path}:api-keys:{i}", "is not a usable API key", $"at least {AuthOptions.MinKeyLength} characters without white space", secret: true);
                }
                else if (!seenKeys.Add(keys[i]))
                {
                    read.Fail($"{item.Path}:api-keys:{i}", "is used twice (a key acts as exactly one tenant)", secret: true);
                }
            }

            tenants.Add(new TenantKeys(id, keys));
        }

        var metricsKey = read.OptionalString("jido:auth:metrics-key");
        if (metricsKey is not null && (metricsKey.Length < AuthOptions.MinKeyLength || metricsKey.Any(char.IsWhiteSpace)))
        {
            read.Fail("jido:auth:metrics-key", "is not a usable key", $"at least {AuthOptions.MinKeyLength} characters without white space", secret: true);
        }
        else if (metricsKey is not null && seenKeys.Contains(metricsKey))
        {
            read.Fail("jido:auth:metrics-key", "is also a tenant's API key (tenant keys never open /metrics)", secret: true);
        }

        var options = new AuthOptions
        {
            Tenants = tenants.Count > 0 ? tenants : d.Tenants,
            DevKey = read.Bool("jido:auth:dev-key", d.DevKey),
            MetricsKey = metricsKey,
        };
        if (!options.DevKey && options.Tenants.All(t => t.ApiKeys.Count == 0))
        {
            read.Fail("jido:auth:dev-key", "is false but no tenant has an API key", "set JIDO_API_KEY or jido.auth.tenants[].api-keys");
        }

        return options;
    }
}
