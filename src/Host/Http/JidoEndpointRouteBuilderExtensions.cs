using JidoSessions.Host.Http.Dashboard;
using JidoSessions.Host.Http.Events;
using JidoSessions.Host.Http.Gateway;
using JidoSessions.Host.Http.Health;
using JidoSessions.Host.Http.Metrics;
using JidoSessions.Host.Http.Problems;
using JidoSessions.Host.Http.Routing;
using JidoSessions.Host.Http.Sessions;

namespace JidoSessions.Host.Http;

/// <summary>Maps the JidoSessions HTTP API.</summary>
public static class JidoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/v1/…</c> (bearer API key required), <c>/metrics</c> (the operator's metrics key, or loopback), and the anonymous
    /// <c>/healthz</c> and <c>/readyz</c>. Needs <c>AddJidoSessions</c> and <c>AddJidoSessionsHttpApi</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapJidoSessionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/v1")
            .RequireAuthorization()
            .MapSessionsApi()
            .MapMessagesApi()
            .MapFilesApi()
            .MapEventsApi();
        endpoints.MapGatewayApi();
        endpoints.MapHealthApi();
        endpoints.MapMetricsApi();
        endpoints.MapDashboardApi();
        return endpoints;
    }

    /// <summary>
    /// The middleware the API needs, in order: problem documents for every failure (exceptions and bare status
    /// codes), case-sensitive methods, authentication, the per-tenant rate limit, and authorization.
    /// </summary>
    public static IApplicationBuilder UseJidoSessionsApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ProblemExceptionMiddleware>();
        app.UseStatusCodePages();
        app.UseMiddleware<CaseSensitiveMethodMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
