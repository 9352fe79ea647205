using System.Diagnostics;
using System.Globalization;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

namespace JidoSessions.Bench.Sessions;

/// <summary>
/// One noisy tenant must not slow another (issue #11, defect 10): <c>large</c> sessions with keys across 10 tenants in one
/// SQLite store; the quiet tenant's by-key lookups (p50 / p99 over 5 s, 4 at once) measured alone and again while the
/// noisy tenant lists its sessions in a loop (4 at once, pages all through its sessions), in the same run, and the
/// noisy tenant's own listing latency. This build only.
/// </summary>
internal static class TenantWorkloads
{
    private const int Tenants = 10;
    private const int Lookups = 4_000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<SessionFigure>> MeasureAsync(int large, TextWriter log)
    {
        var folder = Directory.CreateTempSubdirectory("jido-bench-tenants-").FullName;
        try
        {
            var options = new SessionSystemOptions
            {
                IdleTimeout = TimeSpan.FromHours(1),
                Ttl = null,
                Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(folder, "tenants.db") },
            };
            await using var system = await SessionSystem.StartAsync(options);
            var clients = Enumerable.Range(0, Tenants).Select(t => system.ForTenant(TenantId.Parse($"tenant-{t}"))).ToArray();
            var perTenant = large / Tenants;
            var started = Stopwatch.GetTimestamp();
            await ScaleWorkloads.ForEachAsync(large, 64, i => clients[i % Tenants].GetOrCreateAsync(SessionKey.Parse($"user-{i / Tenants}")));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {large:N0} sessions across {Tenants} tenants in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

            var quiet = clients[1];
            var noisy = clients[0];
            var (aloneP50, aloneP99) = await LookupsAsync(quiet, perTenant);

            using var stop = new CancellationTokenSource();
            var listings = new List<double>();
            var noise = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                var offset = worker * 1000;
                while (!stop.IsCancellationRequested)
                {
                    var at = Stopwatch.GetTimestamp();
                    await noisy.ListAsync(new ListSessionsQuery(null, offset, 100));
                    var ms = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
                    lock (listings)
                    {
                        listings.Add(ms);
                    }

                    offset = (offset + 400) % Math.Max(1, perTenant - 100);
                }
            })).ToArray();
            var (noisyP50, noisyP99) = await LookupsAsync(quiet, perTenant);
            await stop.CancelAsync();
            await Task.WhenAll(noise);
            listings.Sort();

            var listP50 = listings[listings.Count / 2];
            var listP99 = listings[(int)(listings.Count * 0.99)];
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  quiet tenant by-key p50/p99: alone {aloneP50:0.000}/{aloneP99:0.000} ms, beside a listing loop {noisyP50:0.000}/{noisyP99:0.000} ms ({noisyP99 / aloneP99:0.00}x); noisy tenant listed {listings.Count:N0} pages of 100, p50/p99 {listP50:0.00}/{listP99:0.00} ms"));
            return
            [
                new SessionFigure("quiet tenant by-key p99, alone (ms)", aloneP99, "ms", false),
                new SessionFigure("quiet tenant by-key p99, beside a noisy tenant's listing loop (ms)", noisyP99, "ms", false),
                new SessionFigure("quiet tenant by-key p99 ratio, noisy / alone", noisyP99 / aloneP99, "x", false),
                new SessionFigure("noisy tenant listing page p99 (ms)", listP99, "ms", false),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>By-key lookups, 4 at once, for <see cref="Window"/> (and at least <see cref="Lookups"/>): p50 and p99 in ms.</summary>
    private static async Task<(double P50, double P99)> LookupsAsync(ISessionClient client, int keys)
    {
        var times = new List<double>();
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Lookups || Stopwatch.GetElapsedTime(started) < Window)
            {
                var key = $"user-{(long)i * 7919 % keys}";
                var at = Stopwatch.GetTimestamp();
                var found = await client.FindByKeyAsync(SessionKey.Parse(key));
                var ms = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
                if (found is null)
                {
                    throw new InvalidOperationException($"the quiet tenant's key {key} was not found");
                }

                lock (times)
                {
                    times.Add(ms);
                }
            }
        }));
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.99)]);
    }
}
