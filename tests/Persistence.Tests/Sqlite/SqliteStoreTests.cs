using JidoSessions.Persistence.Sqlite;
using JidoSessions.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Tests.Sqlite;

/// <summary>What only the SQLite store has: the file, its pragmas, its migrations.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly SqliteTestFile _file = new();

    public void Dispose() => _file.Delete();

    [Fact]
    public async Task OpenAsync_NewFile_UsesWalAndRecordsEveryMigrationOnce()
    {
        await (await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path))).DisposeAsync();

        await (await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path))).DisposeAsync();

        await using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync<string>(connection, "PRAGMA journal_mode;"));
        Assert.Equal(SqliteMigrations.All.Count, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM schema_migrations;"));
        Assert.Equal(SqliteMigrations.All.Max(m => m.Version), await ScalarAsync<long>(connection, "SELECT MAX(version) FROM schema_migrations;"));
    }

    [Fact]
    public async Task OpenAsync_SeveralStoresOnANewFileAtOnce_AllMigrateAndShareTheData()
    {
        var opening = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path))))
            .ToArray();

        var stores = await Task.WhenAll(opening);
        await stores[0].AppendAsync("shared", TestEvents.Range(1, 1));
        var seenByLast = await stores[^1].ReadHighestSequenceNrAsync("shared");
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal(1, seenByLast);
    }

    [Theory]
    [InlineData("", 1000, 4, 1000)]
    [InlineData("store.db", 0, 4, 1000)]
    [InlineData("store.db", 1000, 0, 1000)]
    [InlineData("store.db", 1000, 4, 0)]
    public async Task OpenAsync_InvalidOptions_ThrowsArgumentException(
        string path, int maxBatchSize, int maxReadConnections, int walAutoCheckpointPages)
    {
        var options = new SqliteStoreOptions(
            path, MaxBatchSize: maxBatchSize, MaxReadConnections: maxReadConnections, WalAutoCheckpointPages: walAutoCheckpointPages);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => SqliteStore.OpenAsync(options));
    }

    [Theory]
    [InlineData(SqliteSynchronous.Off)]
    [InlineData(SqliteSynchronous.Normal)]
    [InlineData(SqliteSynchronous.Extra)]
    public async Task OpenAsync_AnySynchronousMode_StoresAndReads(SqliteSynchronous synchronous)
    {
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path, synchronous));

        await store.AppendAsync("id", TestEvents.Range(1, 3));

        Assert.Equal(3, await store.ReadHighestSequenceNrAsync("id"));
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
