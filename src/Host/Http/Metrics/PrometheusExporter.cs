using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace JidoSessions.Host.Http.Metrics;

/// <summary>
/// Collects every instrument of the <c>JidoSessions</c> meter with a <see cref="MeterListener"/> and renders
/// them in the Prometheus text exposition format 0.0.4: counters (and observable counters) as
/// <c>counter</c> with a <c>_total</c> suffix, up-down counters and gauges as <c>gauge</c>, histograms as
/// <c>histogram</c> (cumulative <c>_bucket{le=…}</c>, <c>_sum</c>, <c>_count</c>; bucket bounds from the
/// instrument's advice, else Prometheus's defaults). One series per tag set.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string MeterName = "JidoSessions";
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();

    public PrometheusExporter(string meterName = MeterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                var state = _instruments.GetOrAdd(instrument, i => new InstrumentState(i, Bounds(i)));
                listener.EnableMeasurementEvents(instrument, state);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, state) => Record(state, (double)v, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments and renders every series.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var state in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            state.WriteTo(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is InstrumentState instrument)
        {
            instrument.Record(value, tags);
        }
    }

    private static IReadOnlyList<double> Bounds(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        return advised is { Count: > 0 } ? advised : DefaultBounds;
    }

    internal static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
