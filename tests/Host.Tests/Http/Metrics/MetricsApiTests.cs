using System.Diagnostics.Metrics;
using System.Net;
using JidoSessions.Host.Http.Metrics;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Metrics;

public sealed class MetricsApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Metrics_FromLoopback_ServesTheJidoSessionsMeterAsPrometheusText()
    {
        using var meter = new Meter(PrometheusExporter.MeterName);
        var name = "jido_test_" + Guid.NewGuid().ToString("N");
        meter.CreateCounter<long>(name).Add(7);

        var response = await fixture.Host.Anonymous().GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains($"{name}_total 7\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class MetricsApiRealBackendTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    [Fact]
    public async Task Metrics_RealSessionSystem_ExposesItsInstruments()
    {
        var client = fixture.Host.AcmeClient();
        await client.SendAsync((await client.CreateAsync()).Id, "hello");

        var text = await fixture.Host.Anonymous().GetStringAsync("metrics");

        Assert.Contains("# TYPE jido_sessions_live gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE jido_turns_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE jido_journal_write_seconds histogram\n", text, StringComparison.Ordinal);
    }
}
