using JidoSessions.Host.Hosting;

namespace JidoSessions.Host.Http.Health;

/// <summary>Anonymous probes: <c>/healthz</c> (the process serves HTTP) and <c>/readyz</c> (the session system has started).</summary>
internal static class HealthApi
{
    public sealed record HealthStatus(string Status);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.MapGroup("").WithTags("Health").AllowAnonymous();
        health.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok")));
        health.MapGet("/readyz", Ready);
        return endpoints;
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> Ready(Readiness readiness, CancellationToken cancellationToken) =>
        await readiness.IsReadyAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ready"))
            : TypedResults.Json(new HealthStatus(readiness.IsStarted ? "unavailable" : "starting"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
