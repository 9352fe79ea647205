using JidoSessions.Persistence.Directory;
using JidoSessions.Persistence.Sqlite;
using JidoSessions.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Tests.Sqlite;

/// <summary>The session listing of the SQLite store: written by the group-commit writer with the journal, read from the read pool.</summary>
public sealed class SqliteDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestFile _file = new();

    public void Dispose() => _file.Delete();

    private static DirectoryEntry Row(string tenant, int i, string status = "Active", int messages = 0) => new(
        tenant, $"s-{i:D4}", i % 2 == 0 ? $"key-{i}" : null, status, $"{{\"voice\":\"v{i}\"}}",
        T0.AddSeconds(i), T0.AddSeconds(i + 1), T0.AddSeconds(i + 2), messages);

    [Fact]
    public async Task UpsertAsync_500AtOnceBesideAppends_EveryRowAndEventIsStoredOnceWithItsValues()
    {
        for (var round = 0; round < 3; round++)
        {
            await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path));
            var writes = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
            {
                await store.UpsertAsync(Row("acme", i, messages: round));
                await store.AppendAsync($"p-{i}", TestEvents.Range(round + 1, 1));
            }));
            await Task.WhenAll(writes);

            var page = await store.ListAsync("acme", null, 0, 1000);
            Assert.Equal(500, page.Total);
            Assert.Equal(500, page.Items.Count);
            Assert.Equal(Enumerable.Range(0, 500).Reverse().Select(i => Row("acme", i, messages: round)), page.Items);
            for (var i = 0; i < 500; i += 37)
            {
                Assert.Equal(round + 1, await store.ReadHighestSequenceNrAsync($"p-{i}"));
            }
        }
    }

    [Fact]
    public async Task ListAsync_FiltersByTenantAndStatus_PagesNewestFirst()
    {
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path));
        foreach (var i in Enumerable.Range(0, 10))
        {
            await store.UpsertAsync(Row("acme", i, i % 3 == 0 ? "Paused" : "Active"));
        }

        await store.UpsertAsync(Row("other", 99));

        var paused = await store.ListAsync("acme", "Paused", 0, 2);
        Assert.Equal(4, paused.Total);
        Assert.Equal(["s-0009", "s-0006"], paused.Items.Select(r => r.SessionId));
        var secondPage = await store.ListAsync("acme", "Paused", 2, 2);
        Assert.Equal(["s-0003", "s-0000"], secondPage.Items.Select(r => r.SessionId));
        Assert.Equal(1, (await store.ListAsync("other", null, 0, 50)).Total);
        Assert.Null(await store.GetAsync("other", "s-0001"));
        Assert.Equal(Row("acme", 4), await store.GetAsync("acme", "s-0004"));
    }

    [Fact]
    public async Task RemoveAsync_DeletesOnlyThatRow_AndIsDurableAfterReopening()
    {
        await using (var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path)))
        {
            await store.UpsertAsync(Row("acme", 1));
            await store.UpsertAsync(Row("acme", 2));
            await store.RemoveAsync("acme", "s-0001");
            await store.RemoveAsync("acme", "not-there");
        }

        await using var reopened = await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path));
        Assert.Null(await reopened.GetAsync("acme", "s-0001"));
        Assert.Equal(Row("acme", 2), await reopened.GetAsync("acme", "s-0002"));
    }

    [Fact]
    public async Task OpenAsync_FileOfTheFirstRelease_KeepsItsListingRowsAndTheHighestDeletedSequenceNr()
    {
        // The first release: schema 1 only, the listing table created by the listing store itself, soft-deleted events.
        await using (var old = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied INTEGER NOT NULL);"
                + SqliteMigrations.All[0].Sql + """
                INSERT INTO schema_migrations VALUES (1, 'event journal, snapshot store', 0);
                CREATE TABLE jido_session_directory (
                    tenant TEXT NOT NULL, session_id TEXT NOT NULL, key TEXT NULL, status TEXT NOT NULL, config TEXT NOT NULL,
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_active_at TEXT NOT NULL, message_count INTEGER NOT NULL,
                    PRIMARY KEY (tenant, session_id));
                INSERT INTO jido_session_directory VALUES ('acme', 's-0001', 'k', 'Active', '{"voice":"x"}', '2026-12-03T10:00:00.0000000Z',
                    '2026-12-03T10:00:00.0000000Z', '2026-12-03T10:00:00.0000000Z', 3);
                INSERT INTO event_journal (persistence_id, sequence_nr, created, manifest, payload, deleted) VALUES
                    ('gone', 1, 0, 'm', 'secret-1', TRUE), ('gone', 2, 0, 'm', 'secret-2', TRUE), ('kept', 1, 0, 'm', 'p', FALSE);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path));

        Assert.Equal(3, (await store.GetAsync("acme", "s-0001"))!.MessageCount);
        Assert.Equal(2, await store.ReadHighestSequenceNrAsync("gone"));
        Assert.Equal(1, await store.ReadHighestSequenceNrAsync("kept"));
        await using var check = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM event_journal WHERE persistence_id = 'gone';";
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
