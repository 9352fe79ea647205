namespace JidoSessions.Host.Http.Metrics;

/// <summary>
/// One time series of an instrument (one tag set): a running value (counters add, gauges set), or for
/// histograms a sum, a count and per-bucket counts.
/// </summary>
internal sealed class MetricSeries(string labels, int buckets)
{
    private readonly Lock _lock = new();
    private readonly long[] _bucketCounts = new long[buckets + 1];
    private double _value;
    private long _count;

    /// <summary>Rendered label set, e.g. <c>{shard="3"}</c>, or empty.</summary>
    public string Labels { get; } = labels;

    public void Add(double value)
    {
        lock (_lock)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    public void Observe(double value, IReadOnlyList<double> bounds)
    {
        lock (_lock)
        {
            _value += value;
            _count++;
            var i = 0;
            while (i < bounds.Count && value > bounds[i])
            {
                i++;
            }

            _bucketCounts[i]++;
        }
    }

    public (double Value, long Count, long[] Buckets) Read()
    {
        lock (_lock)
        {
            return (_value, _count, (long[])_bucketCounts.Clone());
        }
    }
}
