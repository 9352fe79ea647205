using System.Diagnostics.Metrics;
using JidoSessions.Host.Http.Metrics;

namespace JidoSessions.Host.Tests.Http.Metrics;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Render_CounterUpDownCounterHistogram_WritesTextFormat004()
    {
        var meterName = "JidoSessions.Test." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        var turns = meter.CreateCounter<long>("jido_turns_total", description: "Turns completed");
        var live = meter.CreateUpDownCounter<int>("jido_sessions_live");
        var write = meter.CreateHistogram<double>("jido_journal_write_seconds", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1] });

        turns.Add(2, new KeyValuePair<string, object?>("model", "local"));
        turns.Add(3, new KeyValuePair<string, object?>("model", "local"));
        live.Add(5);
        live.Add(-2);
        write.Record(0.005);
        write.Record(0.05);
        write.Record(3);
        var text = exporter.Render();

        Assert.Contains("# HELP jido_turns_total Turns completed\n# TYPE jido_turns_total counter\njido_turns_total{model=\"local\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE jido_sessions_live gauge\njido_sessions_live 3\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "# TYPE jido_journal_write_seconds histogram\n" +
            "jido_journal_write_seconds_bucket{le=\"0.01\"} 1\n" +
            "jido_journal_write_seconds_bucket{le=\"0.1\"} 2\n" +
            "jido_journal_write_seconds_bucket{le=\"+Inf\"} 3\n" +
            "jido_journal_write_seconds_sum 3.055\n" +
            "jido_journal_write_seconds_count 3\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ObservableGaugeAndOddNames_ObservesAndSanitizes()
    {
        var meterName = "JidoSessions.Test." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        meter.CreateObservableGauge("jido.queue-depth", () => new Measurement<double>(1.5, new KeyValuePair<string, object?>("shard.id", "a\"b")));
        meter.CreateCounter<int>("requests");
        meter.CreateCounter<int>("jido_errors").Add(1);

        var text = exporter.Render();

        Assert.Contains("# TYPE jido_queue_depth gauge\njido_queue_depth{shard_id=\"a\\\"b\"} 1.5\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("requests", text, StringComparison.Ordinal);
        Assert.Contains("jido_errors_total 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OtherMeters_AreIgnored()
    {
        var meterName = "JidoSessions.Test." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(meterName);
        using var other = new Meter(meterName + ".Other");
        other.CreateCounter<int>("not_ours").Add(1);

        var text = exporter.Render();

        Assert.Equal("", text);
    }
}
