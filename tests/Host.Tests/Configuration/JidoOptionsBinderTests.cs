using JidoSessions.Client;
using JidoSessions.Host.Configuration;
using JidoSessions.Host.Configuration.Options;
using Microsoft.Extensions.Configuration;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class JidoOptionsBinderTests
{
    [Fact]
    public void Bind_ShippedDefaults_MatchTheOptionsRecordDefaults()
    {
        var configuration = Build(new JidoConfigurationInput { ContentRoot = AppContext.BaseDirectory, Environment = new Dictionary<string, string>() });

        var options = JidoOptionsBinder.Bind(configuration);

        Assert.Equal(new SessionsOptions(), options.Sessions);
        Assert.Equal(new StorageOptions(), options.Storage);
        Assert.Equal(new LlmOptions(), options.Llm);
        Assert.Equal(new HttpOptions().Urls, options.Http.Urls);
        Assert.Equal(new HttpOptions() with { Urls = options.Http.Urls }, options.Http);
        Assert.Equal(TenantId.Default, Assert.Single(options.Auth.Tenants).Id);
        Assert.Empty(options.Auth.Tenants[0].ApiKeys);
        Assert.True(options.Auth.DevKey);
    }

    [Fact]
    public void Bind_BadDurationInHocon_NamesTheKeyValueAndFilePosition()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconStringForTest("jido {\n  sessions {\n    idle-timeout = abc\n  }\n}", "hocon/jido.conf")
            .Build();

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.StartsWith("jido:sessions:idle-timeout = 'abc' is not a duration (hocon/jido.conf:3:20)", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_SeveralBadKeys_ReportsEveryOne()
    {
        var configuration = InMemory(new()
        {
            ["jido:sessions:shards"] = "many",
            ["jido:sessions:ttl"] = "-1h",
            ["jido:http:max-request-body"] = "big",
            ["jido:storage:provider"] = "oracle",
            ["jido:llm:openai:base-url"] = "not a url",
            ["jido:auth:dev-key"] = "perhaps",
        });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.Equal(6, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.StartsWith("jido:sessions:shards = 'many' is not a whole number", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("jido:sessions:ttl = '-1h' is out of range", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("jido:http:max-request-body = 'big' is not a size", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("jido:storage:provider = 'oracle' is not one of sqlite, postgres, memory", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("jido:llm:openai:base-url", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("jido:auth:dev-key = 'perhaps' is not a boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_PostgresWithoutConnectionString_Fails()
    {
        var configuration = InMemory(new() { ["jido:storage:provider"] = "postgres" });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.Contains("jido:storage:postgres:connection-string is required", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ShortApiKey_FailsWithoutPrintingTheKey()
    {
        var configuration = InMemory(new() { ["jido:auth:tenants:0:id"] = "t1", ["jido:auth:tenants:0:api-keys:0"] = "short-secret" });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.StartsWith("jido:auth:tenants:0:api-keys:0 is not a usable API key", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NoKeysAndDevKeyOff_Fails()
    {
        var configuration = InMemory(new() { ["jido:auth:dev-key"] = "false" });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.StartsWith("jido:auth:dev-key = 'false' is false but no tenant has an API key", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_EnvironmentVariables_OverrideHoconWithDashesAsUnderscores()
    {
        var configuration = Build(new JidoConfigurationInput
        {
            ContentRoot = AppContext.BaseDirectory,
            Environment = new Dictionary<string, string>
            {
                ["JIDO__SESSIONS__IDLE_TIMEOUT"] = "10m",
                ["JIDO__HTTP__MAX_REQUEST_BODY"] = "2MiB",
                ["JIDO__AUTH__TENANTS__0__API_KEYS__0"] = "env-key-0123456789abcdef",
                ["JIDO__STORAGE__PROVIDER"] = "memory",
                ["OTHER__SESSIONS__TTL"] = "1s",
            },
        });

        var options = JidoOptionsBinder.Bind(configuration);

        Assert.Equal(TimeSpan.FromMinutes(10), options.Sessions.IdleTimeout);
        Assert.Equal(2 * 1024 * 1024, options.Http.MaxRequestBody);
        Assert.Equal(["env-key-0123456789abcdef"], options.Auth.Tenants[0].ApiKeys);
        Assert.Equal(StorageProvider.Memory, options.Storage.Provider);
        Assert.Equal(TimeSpan.FromHours(24), options.Sessions.Ttl);
    }

    [Fact]
    public void Bind_BadEnvironmentValue_NamesTheVariable()
    {
        var configuration = Build(new JidoConfigurationInput
        {
            ContentRoot = AppContext.BaseDirectory,
            Environment = new Dictionary<string, string> { ["JIDO__SESSIONS__IDLE_TIMEOUT"] = "soon" },
        });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.StartsWith("jido:sessions:idle-timeout = 'soon' is not a duration (environment variable JIDO__SESSIONS__IDLE_TIMEOUT)", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ConfigFileThenEnvironmentThenSwitches_LaterWins()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("custom.conf", "jido.sessions { ttl = 2h, max-history = 7, shards = 4 }");
        var configuration = Build(new JidoConfigurationInput
        {
            ContentRoot = AppContext.BaseDirectory,
            ConfigFile = file,
            Environment = new Dictionary<string, string> { ["JIDO__SESSIONS__MAX_HISTORY"] = "8", ["JIDO__SESSIONS__SHARDS"] = "5" },
            Switches = ["--jido:sessions:shards=6"],
        });

        var options = JidoOptionsBinder.Bind(configuration);

        Assert.Equal((TimeSpan.FromHours(2), 8, 6), (options.Sessions.Ttl, options.Sessions.MaxHistory, options.Sessions.Shards));
    }

    [Fact]
    public void Bind_PostgresConf_SwitchesStorageToPostgres()
    {
        var configuration = Build(new JidoConfigurationInput
        {
            ContentRoot = AppContext.BaseDirectory,
            ConfigFile = Path.Combine(AppContext.BaseDirectory, "hocon", "postgres.conf"),
            Environment = new Dictionary<string, string>(),
            Overrides = new Dictionary<string, string?> { ["jido:storage:postgres:connection-string"] = "Host=127.0.0.1;Database=jido" },
        });

        var options = JidoOptionsBinder.Bind(configuration);

        Assert.Equal(StorageProvider.Postgres, options.Storage.Provider);
        Assert.Equal("Host=127.0.0.1;Database=jido", options.Storage.PostgresConnectionString);
    }

    [Fact]
    public void EnvironmentVariableName_ForKey_UsesUpperCaseAndUnderscores()
    {
        var name = JidoEnvironmentVariablesSource.VariableFor("jido:llm:openai:api-key-env");

        Assert.Equal("JIDO__LLM__OPENAI__API_KEY_ENV", name);
    }

    private static IConfigurationRoot Build(JidoConfigurationInput input) => new ConfigurationBuilder().AddJidoSources(input).Build();

    private static IConfigurationRoot InMemory(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

internal static class HoconTestExtensions
{
    public static IConfigurationBuilder AddHoconStringForTest(this IConfigurationBuilder builder, string text, string name) =>
        JidoSessions.Host.Configuration.Hocon.HoconConfigurationExtensions.AddHoconString(builder, text, name);
}
