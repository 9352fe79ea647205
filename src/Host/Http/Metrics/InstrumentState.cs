using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace JidoSessions.Host.Http.Metrics;

/// <summary>An instrument's Prometheus family: its name, type, help and series.</summary>
internal sealed class InstrumentState
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<double> _bounds;
    private readonly Kind _kind;
    private readonly string? _help;

    public InstrumentState(Instrument instrument, IReadOnlyList<double> bounds)
    {
        _bounds = bounds;
        _help = instrument.Description;
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        _kind = generic == typeof(Counter<>) ? Kind.Counter
            : generic == typeof(ObservableCounter<>) ? Kind.ObservedCounter
            : generic == typeof(Histogram<>) ? Kind.Histogram
            : generic == typeof(UpDownCounter<>) ? Kind.UpDownCounter
            : Kind.ObservedGauge;
        var name = Sanitize(instrument.Name);
        Name = _kind is Kind.Counter or Kind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private enum Kind
    {
        Counter,
        ObservedCounter,
        UpDownCounter,
        ObservedGauge,
        Histogram,
    }

    public string Name { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var series = _series.GetOrAdd(labels, l => new MetricSeries(l, _bounds.Count));
        switch (_kind)
        {
            case Kind.Counter or Kind.UpDownCounter:
                series.Add(value);
                break;
            case Kind.Histogram:
                series.Observe(value, _bounds);
                break;
            default:
                series.Set(value);
                break;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        if (_series.IsEmpty)
        {
            return;
        }

        if (!string.IsNullOrEmpty(_help))
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(_help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }

        var type = _kind switch
        {
            Kind.Counter or Kind.ObservedCounter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        };
        text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        foreach (var series in _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
        {
            var (value, count, buckets) = series.Read();
            if (_kind != Kind.Histogram)
            {
                text.Append(Name).Append(series.Labels).Append(' ').Append(PrometheusExporter.Format(value)).Append('\n');
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i <= _bounds.Count; i++)
            {
                cumulative += buckets[i];
                var le = i < _bounds.Count ? PrometheusExporter.Format(_bounds[i]) : "+Inf";
                text.Append(Name).Append("_bucket").Append(WithLabel(series.Labels, "le", le)).Append(' ').Append(cumulative).Append('\n');
            }

            text.Append(Name).Append("_sum").Append(series.Labels).Append(' ').Append(PrometheusExporter.Format(value)).Append('\n');
            text.Append(Name).Append("_count").Append(series.Labels).Append(' ').Append(count).Append('\n');
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((Sanitize(tag.Key), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return "{" + string.Join(",", pairs.Select(p => $"{p.Name}=\"{Escape(p.Value)}\"")) + "}";
    }

    private static string WithLabel(string labels, string name, string value) =>
        labels.Length == 0 ? $"{{{name}=\"{value}\"}}" : $"{labels[..^1]},{name}=\"{value}\"}}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Metric and label names: [a-zA-Z_:][a-zA-Z0-9_:]*, anything else becomes '_'.</summary>
    internal static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var ok = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c));
            chars[i] = ok ? c : '_';
        }

        return chars.Length == 0 ? "_" : new string(chars);
    }
}
