using System.Diagnostics.Metrics;

namespace JidoSessions.Actors.Diagnostics;

/// <summary>The "JidoSessions" meter: live sessions, turns, failures, journal write latency.</summary>
internal static class SessionMetrics
{
    public const string MeterName = "JidoSessions";

    private static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly UpDownCounter<long> LiveSessions =
        Meter.CreateUpDownCounter<long>("jido_sessions_live", description: "Session actors currently running (active or idle, not passivated).");

    public static readonly Counter<long> Turns =
        Meter.CreateCounter<long>("jido_turns_total", description: "Turns completed.");

    public static readonly Counter<long> TurnFailures =
        Meter.CreateCounter<long>("jido_turn_failures_total", description: "Turns that failed (model error, cancellation).");

    public static readonly Counter<long> SessionFailures =
        Meter.CreateCounter<long>("jido_session_failures_total", description: "Sessions that became Failed.");

    public static readonly Histogram<double> JournalWriteSeconds =
        Meter.CreateHistogram<double>("jido_journal_write_seconds", unit: "s", description: "Latency of journal appends made by session actors.");
}
