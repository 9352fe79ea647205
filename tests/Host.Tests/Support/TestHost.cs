using System.Net.Http.Headers;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Configuration;
using JidoSessions.Host.Hosting;
using JidoSessions.Host.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JidoSessions.Host.Tests.Support;

/// <summary>
/// The real host on a loopback port (http://127.0.0.1:0), spoken to over real HTTP. Two tenants with keys:
/// <see cref="Acme"/> and <see cref="Globex"/>. The session backend is <see cref="FakeSessionBackend"/>, or with
/// <see cref="StartRealAsync"/> the real session system (in memory unless the settings say otherwise).
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string AcmeKey = "acme-key-0123456789abcdef";
    public const string GlobexKey = "globex-key-0123456789abcdef";
    public static readonly TenantId Acme = TenantId.Parse("acme");
    public static readonly TenantId Globex = TenantId.Parse("globex");

    private readonly List<HttpClient> _clients = [];

    private readonly FakeSessionBackend? _backend;

    private TestHost(WebApplication app, FakeSessionBackend? backend, Uri baseAddress, StringWriter output)
    {
        App = app;
        _backend = backend;
        BaseAddress = baseAddress;
        Output = output;
    }

    public WebApplication App { get; }

    /// <summary>The fake backend (hosts started with <see cref="StartAsync"/> only).</summary>
    public FakeSessionBackend Backend => _backend ?? throw new InvalidOperationException("This host runs the real session system.");

    public Uri BaseAddress { get; }

    /// <summary>What the host printed for the operator.</summary>
    public StringWriter Output { get; }

    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["jido:http:urls:0"] = "http://127.0.0.1:0",
        ["jido:storage:provider"] = "memory",
        ["jido:auth:tenants:0:id"] = Acme.Value,
        ["jido:auth:tenants:0:api-keys:0"] = AcmeKey,
        ["jido:auth:tenants:1:id"] = Globex.Value,
        ["jido:auth:tenants:1:api-keys:0"] = GlobexKey,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
    };

    /// <summary>A host on <see cref="FakeSessionBackend"/>.</summary>
    public static Task<TestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, FakeSessionBackend? backend = null) =>
        StartCoreAsync(configure, backend ?? new FakeSessionBackend(), real: false);

    /// <summary>A host on the real session system, as <c>serve</c> runs it.</summary>
    public static Task<TestHost> StartRealAsync(Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null) =>
        StartCoreAsync(configure, null, real: true, services);

    private static async Task<TestHost> StartCoreAsync(
        Action<Dictionary<string, string?>>? configure, FakeSessionBackend? backend, bool real, Action<IServiceCollection>? services = null)
    {
        var settings = DefaultSettings();
        configure?.Invoke(settings);
        var output = new StringWriter();
        var app = JidoWebHost.Build(new JidoHostSettings
        {
            Configuration = new JidoConfigurationInput { Environment = new Dictionary<string, string>(), Overrides = settings },
            ConfigureServices = real ? services : s => s.AddSingleton<ISessionClientFactory>(backend!),
            Output = output,
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<StartupReport>().Addresses.Single();
        return new TestHost(app, backend, new Uri(address + "/"), output);
    }

    /// <summary>The development key the host generated, if it did.</summary>
    public string? DevKey => App.Services.GetRequiredService<ApiKeyRegistry>().DevKey;

    /// <summary>An HTTP client with no credentials.</summary>
    public HttpClient Anonymous() => NewClient(null);

    /// <summary>An HTTP client sending <paramref name="apiKey"/> as a bearer token.</summary>
    public HttpClient WithKey(string apiKey) => NewClient(apiKey);

    public HttpSessionClient Client(TenantId tenant, string apiKey) => new(NewClient(null), apiKey, tenant);

    public HttpSessionClient AcmeClient() => Client(Acme, AcmeKey);

    public HttpSessionClient GlobexClient() => Client(Globex, GlobexKey);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }

    private HttpClient NewClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        _clients.Add(client);
        return client;
    }
}
