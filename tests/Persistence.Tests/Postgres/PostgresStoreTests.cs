using JidoSessions.Persistence.Postgres;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Tests.Support;
using Npgsql;

namespace JidoSessions.Persistence.Tests.Postgres;

/// <summary>What only the PostgreSQL store has: schemas, concurrent migration, server-side rejections.</summary>
public sealed class PostgresStoreTests(PostgresSchemaFixture database) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task OpenAsync_SeveralStoresOnANewSchemaAtOnce_AllMigrateAndShareTheData()
    {
        var schema = PostgresTestEnvironment.NewSchemaName();
        var options = new PostgresStoreOptions(PostgresTestEnvironment.ConnectionString, schema);
        try
        {
            var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStore.OpenAsync(options))));

            await stores[0].AppendAsync("shared", TestEvents.Range(1, 1));
            var seenByLast = await stores[^1].ReadHighestSequenceNrAsync("shared");
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            Assert.Equal(1, seenByLast);
            Assert.Equal(PostgresMigrations.All.Count, await CountMigrationsAsync(schema));
        }
        finally
        {
            await PostgresTestEnvironment.DropSchemaAsync(schema);
        }
    }

    [Theory]
    [InlineData("Public")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("x\"; DROP TABLE y; --")]
    [InlineData("")]
    public async Task OpenAsync_SchemaNameNotPlainLowercase_ThrowsArgumentException(string schema)
    {
        var options = new PostgresStoreOptions("Host=127.0.0.1", schema);

        await Assert.ThrowsAsync<ArgumentException>(() => PostgresStore.OpenAsync(options));
    }

    [Fact]
    public async Task AppendAsync_PayloadTheServerRejects_FailsOnlyThatCaller()
    {
        await using var store = await PostgresStore.OpenAsync(database.Options());
        var goodIds = Enumerable.Range(0, 20).Select(_ => TestEvents.NewPersistenceId()).ToArray();
        var badId = TestEvents.NewPersistenceId();

        var good = goodIds.Select(id => store.AppendAsync(id, TestEvents.Range(1, 2)).AsTask()).ToArray();
        var bad = store.AppendAsync(badId, [new(1, TestEvents.Manifest, "nul \0 is not valid in PostgreSQL text")]).AsTask();
        await Task.WhenAll(good);

        var error = await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal("22021", error.SqlState);
        Assert.Equal(0, await store.ReadHighestSequenceNrAsync(badId));
        foreach (var id in goodIds)
        {
            Assert.Equal(2, await store.ReadHighestSequenceNrAsync(id));
        }
    }

    [Fact]
    public async Task SaveAsync_SnapshotTheServerRejectsAmongAppends_FailsOnlyTheSnapshot()
    {
        await using var store = await PostgresStore.OpenAsync(database.Options());
        var ids = Enumerable.Range(0, 20).Select(_ => TestEvents.NewPersistenceId()).ToArray();
        foreach (var id in ids)
        {
            await store.AppendAsync(id, TestEvents.Range(1, 1));
        }

        var appends = ids.Select(id => store.AppendAsync(id, TestEvents.Range(2, 1)).AsTask()).ToArray();
        var snapshot = store.SaveAsync(new SnapshotEntry(ids[0], 2, DateTimeOffset.UnixEpoch, "state.v1", "nul \0")).AsTask();
        await Task.WhenAll(appends);

        var error = await Assert.ThrowsAsync<PostgresException>(() => snapshot);
        Assert.Equal("22021", error.SqlState);
        Assert.Null(await store.LoadLatestAsync(ids[0]));
        foreach (var id in ids)
        {
            Assert.Equal([1L, 2], (await TestEvents.ReadAllAsync(store, id)).Select(e => e.SequenceNr));
        }
    }

    private static async Task<long> CountMigrationsAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresTestEnvironment.ConnectionString);
        await using var command = dataSource.CreateCommand($"SELECT COUNT(*) FROM \"{schema}\".schema_migrations");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
