using System.Collections.Frozen;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Reads HOCON durations: a number followed by an optional lowercase unit, e.g. <c>30s</c>, <c>5 m</c>,
/// <c>250 millis</c>, <c>1.5h</c>. A bare number is milliseconds, as the spec says.
/// Units: <c>ns nano nanos nanosecond nanoseconds</c>, <c>us micro micros microsecond microseconds</c>,
/// <c>ms milli millis millisecond milliseconds</c>, <c>s second seconds</c>, <c>m minute minutes</c>,
/// <c>h hour hours</c>, <c>d day days</c>. Precision below one tick (100 ns) is truncated.
/// </summary>
public static class HoconDuration
{
    private static readonly FrozenDictionary<string, decimal> TicksPerUnit = BuildUnits();

    /// <summary>Parses a duration.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a duration or is outside the range of <see cref="TimeSpan"/>.</exception>
    public static TimeSpan Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a duration; expected a number and an optional unit (ns, us, ms, s, m, h, d), for example 30s");
    }

    /// <summary>Parses a duration, returning <see langword="false"/> instead of throwing when it is not one.</summary>
    public static bool TryParse(string? value, out TimeSpan result)
    {
        result = default;
        if (!HoconUnitText.TrySplit(value, allowNegative: true, out var number, out var unit)
            || !TicksPerUnit.TryGetValue(unit, out var ticksPerUnit)
            || !HoconUnitText.TryScale(number, ticksPerUnit, out var ticks))
        {
            return false;
        }

        result = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static FrozenDictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { [""] = TimeSpan.TicksPerMillisecond };
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(TimeSpan.TicksPerMicrosecond / 1000m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
