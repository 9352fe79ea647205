namespace JidoSessions.Host.Http.Metrics;

/// <summary>
/// <c>/metrics</c>: the JidoSessions meter in Prometheus text format 0.0.4, for the operator only (see
/// <see cref="MetricsAccessFilter"/>): host-wide figures are no tenant's business.
/// </summary>
internal static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder endpoints)
    {
        // Created now, not on the first scrape, so measurements from the start are counted.
        endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Render(), PrometheusExporter.ContentType))
            .WithTags("Metrics")
            .AllowAnonymous()
            .AddEndpointFilter<MetricsAccessFilter>();
        return endpoints;
    }
}
