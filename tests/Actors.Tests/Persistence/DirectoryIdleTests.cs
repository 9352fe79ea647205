using JidoSessions.Actors.Persistence;
using JidoSessions.Persistence.Directory;
using JidoSessions.Tests.Shared;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>
/// The TTL sweep's query on every listing store the host can run with (memory, a real SQLite file, a real
/// PostgreSQL schema): live rows of every tenant last active before the cut-off, least recently active first, bounded.
/// </summary>
public sealed class DirectoryIdleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores() => ["memory", "sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ListIdleAsync_LiveRowsBeforeTheCutOff_OldestFirstAcrossTenants_Bounded(string kind)
    {
        var (store, cleanup) = Open(kind);
        try
        {
            // Every minute a row: s-00 is the least recently active. Terminating and failed rows are never candidates.
            for (var i = 0; i < 20; i++)
            {
                var status = (i % 5) switch { 3 => "Idle", 4 when i == 4 => "Terminating", 4 => "Failed", _ => "Active" };
                await store.UpsertAsync(Row(i % 2 == 0 ? "acme" : "globex", i, status, T0.AddMinutes(i)));
            }

            var idle = await store.ListIdleAsync(T0.AddMinutes(10), 100);
            var bounded = await store.ListIdleAsync(T0.AddMinutes(10), 3);
            var none = await store.ListIdleAsync(T0, 100);

            Assert.Equal(["s-00", "s-01", "s-02", "s-03", "s-05", "s-06", "s-07", "s-08"], idle.Select(r => r.SessionId));
            Assert.Equal(["acme", "globex"], idle.Select(r => r.Tenant).Distinct().Order());
            Assert.Equal(["s-00", "s-01", "s-02"], bounded.Select(r => r.SessionId));
            Assert.Empty(none);

            // A row brought up to date is no longer a candidate.
            await store.UpsertAsync(Row("acme", 0, "Active", T0.AddMinutes(30)));
            Assert.DoesNotContain("s-00", (await store.ListIdleAsync(T0.AddMinutes(10), 100)).Select(r => r.SessionId));
        }
        finally
        {
            await cleanup();
        }
    }

    private static DirectoryEntry Row(string tenant, int i, string status, DateTimeOffset lastActive) => new(
        tenant, $"s-{i:D2}", null, status, "{}", T0.AddHours(-1), lastActive, lastActive, 2);

    private static (ISessionDirectoryStore Store, Func<Task> Cleanup) Open(string kind)
    {
        switch (kind)
        {
            case "memory":
                return (new InMemoryDirectoryStore(), () => Task.CompletedTask);
            case "sqlite":
                var directory = Path.Combine(Path.GetTempPath(), "jido-idle-" + Guid.NewGuid().ToString("N"));
                var sqlite = new SqliteDirectoryStore(Path.Combine(directory, "jido.db"), synchronousFull: false);
                return (sqlite, () =>
                {
                    sqlite.Dispose();
                    Directory.Delete(directory, recursive: true);
                    return Task.CompletedTask;
                });
            default:
                var schema = "jido_idle_" + Guid.NewGuid().ToString("N");
                var postgres = new PostgresDirectoryStore(TestPostgres.ConnectionString, schema);
                return (postgres, async () =>
                {
                    postgres.Dispose();
                    await using var connection = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionString);
                    await connection.OpenAsync();
                    await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA \"{schema}\" CASCADE", connection);
                    await drop.ExecuteNonQueryAsync();
                });
        }
    }
}
