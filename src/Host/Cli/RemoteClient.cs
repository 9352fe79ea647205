using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Cli;

/// <summary>An <see cref="HttpSessionClient"/> for a remote command, from its options and the environment.</summary>
internal sealed class RemoteClient : IDisposable
{
    private readonly HttpClient _http;

    private RemoteClient(HttpClient http, HttpSessionClient client)
    {
        _http = http;
        Client = client;
    }

    public HttpSessionClient Client { get; }

    /// <summary>Null (with the problem printed) when the URL, key or tenant is unusable.</summary>
    public static RemoteClient? Create(CliContext context, string? url, string? apiKey, string tenant)
    {
        url ??= context.Variable("JIDO_URL") ?? CommonOptions.DefaultUrl;
        apiKey ??= context.Variable("JIDO_API_KEY");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            context.Error.WriteLine($"--url '{url}' is not an http(s) URL.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            context.Error.WriteLine("An API key is needed: pass --api-key or set JIDO_API_KEY (the server prints a development key at start).");
            return null;
        }

        if (!TenantId.TryParse(tenant, out var tenantId))
        {
            context.Error.WriteLine($"--tenant '{tenant}' is not a tenant id.");
            return null;
        }

        var http = context.HttpHandler is { } handler ? new HttpClient(handler(), disposeHandler: true) : new HttpClient();
        http.BaseAddress = baseAddress;
        http.Timeout = Timeout.InfiniteTimeSpan;
        return new RemoteClient(http, new HttpSessionClient(http, apiKey, tenantId));
    }

    public void Dispose() => _http.Dispose();
}
