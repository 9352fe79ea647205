using System.Diagnostics;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Postgres;
using JidoSessions.Persistence.Sqlite;
using Npgsql;

namespace JidoSessions.Bench.Persistence;

/// <summary>
/// Append throughput of the journals under the load persistent actors produce: many writers, each appending one event
/// at a time to its own persistence id and awaiting the durable acknowledgement before the next. Group commit is what
/// makes this fast, so each run also measures the same events with batching switched off (batch size 1: one
/// transaction, one fsync per event) on fresh storage, and reports the ratio.
/// </summary>
public static class JournalAppendBench
{
    private const string Manifest = "bench-event.v1";

    // A typical small event: a chat turn's metadata.
    private static readonly string Payload =
        """{"sessionId":"bench","role":"assistant","tokens":{"input":1234,"output":567},"model":"bench-model","text":"The quick brown fox jumps over the lazy dog."}""";

    /// <summary>Measures a <see cref="SqliteStore"/> with database files in a fresh folder under <paramref name="dir"/>.</summary>
    /// <param name="dir">Where the throwaway databases go; removed again afterwards.</param>
    /// <param name="writers">Concurrent writers.</param>
    /// <param name="eventsPerWriter">Events each writer appends, one per acknowledged append.</param>
    /// <param name="baselineEventsPerWriter">Events per writer for the one-transaction-per-event baseline; the same as
    /// <paramref name="eventsPerWriter"/> if null. The baseline is slow (one fsync per event): lower it to shorten a run,
    /// the ratio compares rates.</param>
    /// <param name="synchronous">fsync level; the default <see cref="SqliteSynchronous.Full"/> is the durable one.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<JournalAppendResult> RunSqliteAsync(
        string dir,
        int writers = 500,
        int eventsPerWriter = 100,
        int? baselineEventsPerWriter = null,
        SqliteSynchronous synchronous = SqliteSynchronous.Full,
        CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(dir, $"jido-journal-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            return await RunAsync(
                $"SQLite (synchronous={synchronous})",
                (name, maxBatchSize) => OpenSqliteAsync(Path.Combine(root, $"{name}.db"), synchronous, maxBatchSize, cancellationToken),
                writers,
                eventsPerWriter,
                baselineEventsPerWriter ?? eventsPerWriter,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Measures a <see cref="PostgresStore"/> in fresh schemas, dropped again afterwards.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="writers">Concurrent writers.</param>
    /// <param name="eventsPerWriter">Events each writer appends, one per acknowledged append.</param>
    /// <param name="baselineEventsPerWriter">Events per writer for the one-transaction-per-event baseline; the same as
    /// <paramref name="eventsPerWriter"/> if null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<JournalAppendResult> RunPostgresAsync(
        string connectionString,
        int writers = 500,
        int eventsPerWriter = 100,
        int? baselineEventsPerWriter = null,
        CancellationToken cancellationToken = default)
    {
        var schemas = new List<string>();
        try
        {
            return await RunAsync(
                "PostgreSQL",
                (name, maxBatchSize) =>
                {
                    var schema = $"jido_bench_{name}_{Guid.NewGuid():N}";
                    schemas.Add(schema);
                    return OpenPostgresAsync(connectionString, schema, maxBatchSize, cancellationToken);
                },
                writers,
                eventsPerWriter,
                baselineEventsPerWriter ?? eventsPerWriter,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DropSchemasAsync(connectionString, schemas).ConfigureAwait(false);
        }
    }

    private static async Task<JournalAppendResult> RunAsync(
        string store,
        Func<string, int, Task<IJournal>> open,
        int writers,
        int eventsPerWriter,
        int baselineEventsPerWriter,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventsPerWriter, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baselineEventsPerWriter, 1);

        TimeSpan grouped;
        await using (var journal = await open("grouped", 1000).ConfigureAwait(false))
        {
            // Warm-up on other ids: JIT, connection pools and prepared statements, outside the measurement.
            await AppendAllAsync(journal, "warmup", writers, Math.Min(eventsPerWriter, 20), cancellationToken).ConfigureAwait(false);
            grouped = await AppendAllAsync(journal, "run", writers, eventsPerWriter, cancellationToken).ConfigureAwait(false);
        }

        TimeSpan baseline;
        await using (var journal = await open("baseline", 1).ConfigureAwait(false))
        {
            await AppendAllAsync(journal, "warmup", writers, 2, cancellationToken).ConfigureAwait(false);
            baseline = await AppendAllAsync(journal, "run", writers, baselineEventsPerWriter, cancellationToken).ConfigureAwait(false);
        }

        return new JournalAppendResult(
            store, writers, (long)writers * eventsPerWriter, grouped, (long)writers * baselineEventsPerWriter, baseline);
    }

    private static async Task<TimeSpan> AppendAllAsync(
        IJournal journal, string phase, int writers, int eventsPerWriter, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(
            async () =>
            {
                var persistenceId = $"bench-{phase}-{writer}";
                for (var seq = 1L; seq <= eventsPerWriter; seq++)
                {
                    await journal.AppendAsync(persistenceId, [new EventToWrite(seq, Manifest, Payload)], cancellationToken)
                        .ConfigureAwait(false);
                }
            },
            cancellationToken))).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<IJournal> OpenSqliteAsync(
        string path, SqliteSynchronous synchronous, int maxBatchSize, CancellationToken cancellationToken) =>
        await SqliteStore.OpenAsync(
            new SqliteStoreOptions(path, synchronous, maxBatchSize), cancellationToken: cancellationToken).ConfigureAwait(false);

    private static async Task<IJournal> OpenPostgresAsync(
        string connectionString, string schema, int maxBatchSize, CancellationToken cancellationToken) =>
        await PostgresStore.OpenAsync(
            new PostgresStoreOptions(connectionString, schema, maxBatchSize), cancellationToken: cancellationToken).ConfigureAwait(false);

    private static async Task DropSchemasAsync(string connectionString, List<string> schemas)
    {
        if (schemas.Count == 0)
        {
            return;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var schema in schemas)
        {
            await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
