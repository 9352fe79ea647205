using System.Globalization;

namespace JidoSessions.Bench.Persistence;

/// <summary>The outcome of one <see cref="JournalAppendBench"/> run: group commit against one transaction per event.</summary>
/// <param name="Store">Which store was measured.</param>
/// <param name="Writers">Concurrent writers, each appending single events to its own persistence id.</param>
/// <param name="Events">Events appended (and acknowledged) with group commit.</param>
/// <param name="Elapsed">Wall time with group commit.</param>
/// <param name="BaselineEvents">Events appended with one transaction per event (batch size 1), by as many writers.</param>
/// <param name="BaselineElapsed">Wall time of the baseline.</param>
public sealed record JournalAppendResult(
    string Store, int Writers, long Events, TimeSpan Elapsed, long BaselineEvents, TimeSpan BaselineElapsed)
{
    /// <summary>Acknowledged events per second with group commit.</summary>
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Acknowledged events per second with one transaction per event.</summary>
    public double BaselineEventsPerSecond => BaselineEvents / BaselineElapsed.TotalSeconds;

    /// <summary>How many times faster group commit is than one transaction per event.</summary>
    public double Speedup => EventsPerSecond / BaselineEventsPerSecond;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Store}: {Events} events, {Writers} writers: group commit {EventsPerSecond:N0} events/s ({Elapsed.TotalSeconds:F2} s), " +
        $"one transaction per event {BaselineEventsPerSecond:N0} events/s ({BaselineEvents} events, {BaselineElapsed.TotalSeconds:F2} s), " +
        $"x{Speedup:F1}");
}
