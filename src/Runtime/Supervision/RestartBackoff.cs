namespace JidoSessions.Runtime;

/// <summary>Exponential delay before each restart: <c>Min * Factor^(n-1)</c>, capped at <see cref="Max"/>.</summary>
public sealed record RestartBackoff
{
    /// <summary>Creates a backoff.</summary>
    public RestartBackoff(TimeSpan min, TimeSpan max, double factor = 2.0)
    {
        if (min <= TimeSpan.Zero || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(min), "Need 0 < min <= max.");
        }

        if (factor < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Factor must be at least 1.");
        }

        Min = min;
        Max = max;
        Factor = factor;
    }

    /// <summary>Delay before the first restart.</summary>
    public TimeSpan Min { get; }

    /// <summary>Upper bound of the delay.</summary>
    public TimeSpan Max { get; }

    /// <summary>Growth per consecutive restart.</summary>
    public double Factor { get; }

    /// <summary>The delay before restart number <paramref name="restartCount"/> (1-based) within the window.</summary>
    public TimeSpan DelayFor(int restartCount)
    {
        var ticks = Min.Ticks * Math.Pow(Factor, Math.Max(0, restartCount - 1));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}
