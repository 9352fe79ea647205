using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Configuration;
using JidoSessions.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JidoSessions.Browser.Tests.Support;

/// <summary>
/// The real host, as <c>serve</c> builds it, on a loopback port with the real session system in memory. Two tenants
/// with keys: <see cref="Acme"/> and <see cref="Globex"/>. Clients speak to it over real HTTP.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string AcmeKey = "acme-key-0123456789abcdef";
    public const string GlobexKey = "globex-key-0123456789abcdef";
    public static readonly TenantId Acme = TenantId.Parse("acme");
    public static readonly TenantId Globex = TenantId.Parse("globex");

    private readonly List<HttpClient> _clients = [];

    private DashboardHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DashboardUrl => new Uri(BaseAddress, "dashboard").ToString();

    public static async Task<DashboardHost> StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["jido:http:urls:0"] = "http://127.0.0.1:0",
            ["jido:storage:provider"] = "memory",
            ["jido:auth:tenants:0:id"] = Acme.Value,
            ["jido:auth:tenants:0:api-keys:0"] = AcmeKey,
            ["jido:auth:tenants:1:id"] = Globex.Value,
            ["jido:auth:tenants:1:api-keys:0"] = GlobexKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        var app = JidoWebHost.Build(new JidoHostSettings
        {
            Configuration = new JidoConfigurationInput { Environment = new Dictionary<string, string>(), Overrides = settings },
            Output = new StringWriter(),
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<StartupReport>().Addresses.Single();
        return new DashboardHost(app, new Uri(address + "/"));
    }

    /// <summary>A client with no credentials (raw HTTP checks).</summary>
    public HttpClient Anonymous() => NewClient();

    public HttpSessionClient AcmeClient() => new(NewClient(), AcmeKey, Acme);

    public HttpSessionClient GlobexClient() => new(NewClient(), GlobexKey, Globex);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }

    private HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }
}
