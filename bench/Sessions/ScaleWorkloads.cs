using System.Diagnostics;
using System.Globalization;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

namespace JidoSessions.Bench.Sessions;

/// <summary>
/// Creation and delete rates as the store fills: the same 2,000 get-or-creates on fresh keys and 1,000 deletes
/// (64 at once each, SQLite) with 1k stored sessions and again with <c>large</c> stored, in one store, and the ratio.
/// Disk use is reported too. This build only (the baseline cannot hold 100k sessions here).
/// </summary>
internal static class ScaleWorkloads
{
    public static async Task<IReadOnlyList<SessionFigure>> MeasureAsync(int large, TextWriter log)
    {
        var folder = Directory.CreateTempSubdirectory("jido-bench-scale-").FullName;
        try
        {
            var path = Path.Combine(folder, "scale.db");
            var options = new SessionSystemOptions
            {
                IdleTimeout = TimeSpan.FromHours(1),
                Ttl = null,
                Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path },
            };
            await using var system = await SessionSystem.StartAsync(options);
            var client = system.ForTenant(TenantId.Default);
            var figures = new List<SessionFigure>();
            var stored = 0;
            foreach (var target in new[] { 1_000, large })
            {
                await ForEachAsync(target - stored, 64, _ => client.CreateAsync());
                stored = target;
                var prefix = Guid.NewGuid().ToString("N");
                var ids = new SessionId[2_000];
                var started = Stopwatch.GetTimestamp();
                await ForEachAsync(ids.Length, 64, async i => ids[i] = (await client.GetOrCreateAsync(SessionKey.Parse($"{prefix}-{i}"))).Session.Id);
                var created = ids.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
                started = Stopwatch.GetTimestamp();
                await ForEachAsync(1_000, 64, i => client.TerminateAsync(ids[i]));
                var deleted = 1_000 / Stopwatch.GetElapsedTime(started).TotalSeconds;
                stored += 1_000;
                var bytes = Directory.EnumerateFiles(folder, "scale.db*").Sum(f => new FileInfo(f).Length);
                var label = string.Create(CultureInfo.InvariantCulture, $"{target / 1000}k stored");
                figures.Add(new SessionFigure($"new sessions/s with {label} (SQLite)", created, "sessions/s", true));
                figures.Add(new SessionFigure($"deletes/s with {label} (SQLite)", deleted, "deletes/s", true));
                figures.Add(new SessionFigure($"database bytes per stored session with {label}", bytes / (double)stored, "bytes", false));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: {created:0} new/s, {deleted:0} deletes/s, {bytes / (double)stored:0} database bytes per session"));
            }

            return figures;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1, <paramref name="concurrency"/> at a time.</summary>
    internal static async Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i);
            }
        }));
    }
}
