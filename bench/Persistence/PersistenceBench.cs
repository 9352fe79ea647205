using JidoSessions.Persistence.Sqlite;

namespace JidoSessions.Bench.Persistence;

/// <summary>The persistence figures of issue #4, printed as one table.</summary>
internal sealed class PersistenceBench(BenchOptions options, TextWriter output)
{
    public async Task RunAsync()
    {
        var dir = Directory.CreateTempSubdirectory("jido-bench-").FullName;
        try
        {
            output.WriteLine();
            output.WriteLine("| persistence figure | result | baseline (same run) | ratio |");
            output.WriteLine("|---|---|---|---|");
            var sqlite = await JournalAppendBench.RunSqliteAsync(dir, writers: 500, eventsPerWriter: 100, baselineEventsPerWriter: 4, SqliteSynchronous.Full);
            WriteAppend(sqlite);
            if (Environment.GetEnvironmentVariable("JIDO_TEST_POSTGRES") is { Length: > 0 } postgres)
            {
                WriteAppend(await JournalAppendBench.RunPostgresAsync(postgres, writers: 500, eventsPerWriter: 100, baselineEventsPerWriter: 4));
            }
            else
            {
                output.WriteLine("| append, PostgreSQL | skipped: set JIDO_TEST_POSTGRES (eval \"$(eng/pg-test-cluster.sh start)\") | | |");
            }

            var (without, with) = await SessionStoreBench.RecoveryAsync(dir, 10_000, options.Trials);
            output.WriteLine($"| recover a session of 10k events (ms), with snapshot vs without | {with:F0} | {without:F0} | {with / without:F2}x |");
            var small = await SessionStoreBench.ReadyAsync(dir, 1_000);
            var large = await SessionStoreBench.ReadyAsync(dir, 10_000);
            output.WriteLine($"| time to ready with 10k stored sessions (s), vs 1k | {large:F2} | {small:F2} | {large / small:F2}x |");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private void WriteAppend(JournalAppendResult result) =>
        output.WriteLine($"| append, {result.Store}, {result.Writers} concurrent writers (events/s) | {result.EventsPerSecond:N0} | {result.BaselineEventsPerSecond:N0} (one transaction per event) | {result.Speedup:F1}x |");
}
