using System.Globalization;

namespace JidoSessions.Bench.Sessions;

/// <summary>One measured figure: the median of its trials.</summary>
public sealed record SessionFigure(string Name, double Median, string Unit, bool HigherIsBetter);

/// <summary>
/// Runs every sessions workload (warm-up passes, then the median of <c>trials</c>) and reports the figures. Public API
/// only, so eng/bench-sessions.sh compiles this file against the baseline commit too.
/// </summary>
public static class SessionFigures
{
    public static async Task<IReadOnlyList<SessionFigure>> MeasureAsync(int trials, TimeSpan warmUp, int largeCount, TextWriter log, IReadOnlySet<string>? only = null)
    {
        var folder = Directory.CreateTempSubdirectory("jido-bench-").FullName;
        try
        {
            var figures = new List<SessionFigure>();
            // --only new,newturn,turns,overhead,memory,recovery,ready picks figures (for profiling one path); default all.
            async Task Add(string id, string name, string unit, bool higherIsBetter, Func<Task<double>> measure)
            {
                if (only is not null && !only.Contains(id))
                {
                    return;
                }

                // Warm-up passes until warmUp has gone by (at least one): on two cores the JIT's tier-1 and PGO
                // recompilation of the hot paths takes several passes of a short workload (new sessions/s climbed
                // from 1,600 to 3,300 over its first six 5,000-session passes), and a server lives at steady state.
                var warming = System.Diagnostics.Stopwatch.StartNew();
                do
                {
                    await measure();
                }
                while (warming.Elapsed < warmUp);

                var samples = new List<double>();
                for (var i = 0; i < trials; i++)
                {
                    samples.Add(await measure());
                }

                samples.Sort();
                var figure = new SessionFigure(name, samples[samples.Count / 2], unit, higherIsBetter);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {figure.Median:0.##} {unit} (trials: {string.Join(" / ", samples.Select(s => s.ToString("0.##", CultureInfo.InvariantCulture)))})"));
                figures.Add(figure);
            }

            await Add("new", "new sessions/s (get-or-create, fresh keys, 64 at once, SQLite)", "sessions/s", true,
                async () =>
                {
                    var rate = await SessionWorkloads.NewSessionsPerSecondAsync(folder, 5_000, 64);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {rate:0} sessions/s, {SessionWorkloads.LastCpuMicrosecondsPerSession:0} µs CPU per session, {SessionWorkloads.LastBytesAllocatedPerSession / 1024:0.0} KiB allocated per session, {SessionWorkloads.LastGcPauseShare:P0} of the time in GC pauses"));
                    return rate;
                });
            await Add("newturn", "new sessions with a first turn/s (get-or-create, fresh keys, then one turn, zero-latency model, 64 at once, SQLite)", "sessions/s", true,
                () => SessionWorkloads.NewSessionsWithFirstTurnPerSecondAsync(folder, 2_000, 64));
            await Add("turns", "turns/s (1,000 sessions at once, zero-latency model, SQLite)", "turns/s", true,
                () => SessionWorkloads.TurnsPerSecondAsync(folder, 1_000, 5));
            double p99 = 0;
            await Add("overhead", "turn time outside the model, p50", "µs", false, async () =>
            {
                var (p50, p) = await SessionWorkloads.TurnOverheadAsync(folder, 2_000);
                p99 = p;
                return p50;
            });
            if (only is null || only.Contains("overhead"))
            {
                figures.Add(new SessionFigure("turn time outside the model, p99 (last trial)", p99, "µs", false));
            }

            await Add("memory", "managed bytes per idle live session, 10k sessions, in-memory store", "bytes", false,
                () => SessionWorkloads.BytesPerIdleSessionAsync(10_000));
            await Add("memory", "managed bytes per idle live session, 10k sessions, SQLite store (rows not in the heap)", "bytes", false,
                () => SessionWorkloads.BytesPerIdleSessionAsync(10_000, folder));
            await Add("memory", "managed bytes per idle live session after one turn, 10k sessions, SQLite store", "bytes", false,
                () => SessionWorkloads.BytesPerIdleSessionAsync(10_000, folder, afterOneTurn: true));
            await Add("memory", string.Create(CultureInfo.InvariantCulture, $"managed bytes per idle live session, {largeCount / 1000}k sessions, in-memory store"), "bytes", false,
                () => SessionWorkloads.BytesPerIdleSessionAsync(largeCount));
            await Add("recovery", "recovery of a 10k-event session (first answer after restart)", "ms", false,
                () => SessionWorkloads.RecoveryMillisecondsAsync(folder, 10_000));
            await Add("ready", string.Create(CultureInfo.InvariantCulture, $"time to ready with {largeCount / 1000}k stored sessions"), "s", false,
                () => SessionWorkloads.ReadySecondsAsync(folder, largeCount));
            return figures;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Tab-separated: name, median, unit (what the baseline run prints and the bench reads).</summary>
    public static string ToTsv(IEnumerable<SessionFigure> figures) => string.Join('\n', figures.Select(f =>
        string.Create(CultureInfo.InvariantCulture, $"{f.Name}\t{f.Median}\t{f.Unit}\t{f.HigherIsBetter}")));

    public static IReadOnlyList<SessionFigure> FromTsv(string text) => [.. text
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('\t'))
        .Where(parts => parts.Length == 4)
        .Select(parts => new SessionFigure(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], bool.Parse(parts[3])))];
}
