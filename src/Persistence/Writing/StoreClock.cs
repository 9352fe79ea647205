namespace JidoSessions.Persistence.Writing;

/// <summary>Normalizes timestamps so both stores return exactly what they were given (UTC, whole milliseconds).</summary>
internal static class StoreClock
{
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
