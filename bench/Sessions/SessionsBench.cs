using System.Globalization;
using JidoSessions.Actors.Hosting;

namespace JidoSessions.Bench.Sessions;

/// <summary>
/// The sessions suite: every figure of <see cref="SessionFigures"/> on this build, next to the same figures measured
/// on the commit before the Akka migration (a TSV written by eng/bench-sessions.sh, passed with --baseline FILE).
/// </summary>
internal sealed class SessionsBench(BenchOptions options, TextWriter output)
{
    /// <summary>Journal events/s through Akka.Persistence on SQLite (synchronous=FULL) and, when JIDO_TEST_POSTGRES is set, PostgreSQL.</summary>
    private async Task<List<SessionFigure>> JournalFiguresAsync()
    {
        var folder = Directory.CreateTempSubdirectory("jido-bench-journal-").FullName;
        try
        {
            var stores = new List<(string Name, Func<StorageOptions> Storage)>
            {
                ("journal events/s (500 persistent actors x 100 persists, one at a time), SQLite plugin, synchronous=FULL",
                    () => new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db"), SqliteSynchronousFull = true }),
            };
            if (Environment.GetEnvironmentVariable("JIDO_TEST_POSTGRES") is { Length: > 0 } postgres)
            {
                stores.Add(("journal events/s (500 persistent actors x 100 persists, one at a time), PostgreSQL (Akka.Persistence.Sql)",
                    () => new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = postgres, PostgresSchema = "jido_bench_" + Guid.NewGuid().ToString("N") }));
            }
            else
            {
                output.WriteLine("  (JIDO_TEST_POSTGRES not set: no PostgreSQL journal figure)");
            }

            var figures = new List<SessionFigure>();
            foreach (var (name, storage) in stores)
            {
                await JournalWorkloads.EventsPerSecondAsync(storage(), 50, 20);
                var samples = new List<double>();
                for (var i = 0; i < options.Trials; i++)
                {
                    samples.Add(await JournalWorkloads.EventsPerSecondAsync(storage()));
                }

                samples.Sort();
                var figure = new SessionFigure(name, samples[samples.Count / 2], "events/s", true);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {figure.Median:0.##} events/s"));
                figures.Add(figure);
            }

            return figures;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async Task RunAsync()
    {
        output.WriteLine("sessions suite (this build):");
        var figures = (await SessionFigures.MeasureAsync(options.Trials, options.WarmUp, options.LargeCount, output, options.Only)).ToList();
        if (options.Only is null || options.Only.Contains("journal"))
        {
            figures.AddRange(await JournalFiguresAsync());
        }

        if (options.Only is null || options.Only.Contains("scale"))
        {
            figures.AddRange(await ScaleWorkloads.MeasureAsync(options.LargeCount, output));
        }

        if (options.Only is null || options.Only.Contains("tenants"))
        {
            figures.AddRange(await TenantWorkloads.MeasureAsync(options.LargeCount, output));
        }

        var baseline = options.BaselineFile is { } file && File.Exists(file)
            ? SessionFigures.FromTsv(await File.ReadAllTextAsync(file)).ToDictionary(f => f.Name)
            : [];
        output.WriteLine();
        output.WriteLine("| figure | this build | baseline (pre-migration), same run | ratio |");
        output.WriteLine("|---|---|---|---|");
        foreach (var figure in figures)
        {
            var line = baseline.TryGetValue(figure.Name, out var b)
                ? string.Create(CultureInfo.InvariantCulture, $"| {figure.Name} | {figure.Median:0.##} {figure.Unit} | {b.Median:0.##} {b.Unit} | {figure.Median / b.Median:0.00}x |")
                : string.Create(CultureInfo.InvariantCulture, $"| {figure.Name} | {figure.Median:0.##} {figure.Unit} | n/a | |");
            output.WriteLine(line);
        }
    }
}
