using System.Net;
using System.Security.Cryptography;
using System.Text;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Auth;
using JidoSessions.Host.Http.Problems;

namespace JidoSessions.Host.Http.Metrics;

/// <summary>
/// Who may read <c>/metrics</c>, whose figures are host-wide (every tenant's sessions): the operator's
/// <c>jido.auth.metrics-key</c> when one is set, else anonymous requests from loopback. A tenant's API key never
/// does (403), whatever the address; a missing or wrong metrics key is 401.
/// </summary>
internal sealed class MetricsAccessFilter(AuthOptions auth, ApiKeyRegistry tenants) : IEndpointFilter
{
    private const string Prefix = "Bearer ";
    private readonly byte[]? _metricsKey = auth.MetricsKey is { } key ? Digest(key) : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Refusal(context.HttpContext) ?? await next(context);
    }

    /// <summary>The problem answer for a request that may not read the metrics, or null when it may.</summary>
    public IResult? Refusal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
        if (presented is not null && tenants.TryAuthenticate(presented, out _))
        {
            return Problem.Create(StatusCodes.Status403Forbidden, HostErrorCodes.Forbidden, "/metrics shows host-wide figures: a tenant's API key does not open it; use jido.auth.metrics-key.");
        }

        if (_metricsKey is not null)
        {
            if (presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), _metricsKey))
            {
                return null;
            }

            http.Response.Headers.WWWAuthenticate = header.Length == 0 ? "Bearer" : "Bearer error=\"invalid_token\"";
            return Problem.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "/metrics needs the metrics key: send 'Authorization: Bearer <jido.auth.metrics-key>'.");
        }

        return http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            ? null
            : Problem.Create(StatusCodes.Status403Forbidden, HostErrorCodes.Forbidden, "/metrics answers only requests from loopback unless jido.auth.metrics-key is set.");
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
