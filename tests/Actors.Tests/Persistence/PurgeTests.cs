using System.Text;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.Tests.Shared;
using Npgsql;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>
/// Deleting a session purges it: after the acknowledged delete no byte of its key, messages, file or config is
/// left in the store (the SQLite file and its WAL; every column of every table of the PostgreSQL schema), while a
/// survivor's canaries are still found, which proves the scan looks where the data lives.
/// </summary>
public sealed class PurgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jido-purge-").FullName;

    private string DbPath => Path.Combine(_folder, "sessions.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sqlite_DeletedSessionLeavesNoByteInTheFileOrWal_SurvivorIsStillThere()
    {
        var options = TestSessionSystems.Options(o => o with
        {
            Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = DbPath },
            SnapshotEvery = 7,
        });
        var doomed = Canary.Create("doomed");
        var survivor = Canary.Create("survivor");

        await using (var system = await TestSessionSystems.StartAsync(options))
        {
            var client = system.ForTenant(TenantId.Default);
            var doomedId = await doomed.WriteAsync(client);
            await survivor.WriteAsync(client);
            Assert.All(doomed.Strings, s => Assert.True(SqliteFilesContain(s), $"positive control: {s} should be stored before the delete"));

            await client.TerminateAsync(doomedId);

            AssertPurged(doomed, survivor, SqliteFilesContain);
        }

        AssertPurged(doomed, survivor, SqliteFilesContain);

        await using (var restarted = await TestSessionSystems.StartAsync(options))
        {
            var client = restarted.ForTenant(TenantId.Default);
            Assert.Null(await client.FindByKeyAsync(doomed.Key));
            await survivor.AssertReadableAsync(client);
        }

        AssertPurged(doomed, survivor, SqliteFilesContain);
    }

    [Fact]
    public async Task Postgres_DeletedSessionLeavesNoValueInAnyColumnOfTheSchema_SurvivorIsStillThere()
    {
        var schema = $"jido_purge_{Guid.NewGuid():N}";
        var options = TestSessionSystems.Options(o => o with
        {
            Storage = new StorageOptions
            {
                Provider = StorageProvider.Postgres,
                PostgresConnectionString = TestPostgres.ConnectionString,
                PostgresSchema = schema,
            },
            SnapshotEvery = 7,
        });
        var doomed = Canary.Create("doomed");
        var survivor = Canary.Create("survivor");
        try
        {
            await using (var system = await TestSessionSystems.StartAsync(options))
            {
                var client = system.ForTenant(TenantId.Default);
                var doomedId = await doomed.WriteAsync(client);
                await survivor.WriteAsync(client);
                foreach (var s in doomed.Strings)
                {
                    Assert.True(await SchemaContainsAsync(schema, s), $"positive control: {s} should be stored before the delete");
                }

                await client.TerminateAsync(doomedId);
                await AssertPurgedAsync(schema, doomed, survivor);
            }

            await using (var restarted = await TestSessionSystems.StartAsync(options))
            {
                var client = restarted.ForTenant(TenantId.Default);
                Assert.Null(await client.FindByKeyAsync(doomed.Key));
                await survivor.AssertReadableAsync(client);
                await AssertPurgedAsync(schema, doomed, survivor);
            }
        }
        finally
        {
            await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static void AssertPurged(Canary doomed, Canary survivor, Func<string, bool> contains)
    {
        Assert.All(doomed.Strings, s => Assert.False(contains(s), $"{s} of the deleted session is still in the store"));
        Assert.All(survivor.Strings, s => Assert.True(contains(s), $"{s} of the surviving session should still be in the store"));
    }

    private static async Task AssertPurgedAsync(string schema, Canary doomed, Canary survivor)
    {
        foreach (var s in doomed.Strings)
        {
            Assert.False(await SchemaContainsAsync(schema, s), $"{s} of the deleted session is still in schema {schema}");
        }

        foreach (var s in survivor.Strings)
        {
            Assert.True(await SchemaContainsAsync(schema, s), $"{s} of the surviving session should still be in schema {schema}");
        }
    }

    /// <summary>Raw bytes of the database file and its WAL (opened shared, so this works while the system runs).</summary>
    private bool SqliteFilesContain(string canary)
    {
        var needle = Encoding.UTF8.GetBytes(canary);
        foreach (var path in new[] { DbPath, DbPath + "-wal" })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every column of every table in the schema: bytea by byte search, everything else as text.</summary>
    private static async Task<bool> SchemaContainsAsync(string schema, string canary)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = @schema", connection))
        {
            list.Parameters.AddWithValue("schema", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Assert.NotEmpty(columns);
        foreach (var (table, column, type) in columns)
        {
            var predicate = type == "bytea"
                ? $"position(convert_to(@canary, 'UTF8') in \"{column}\") > 0"
                : $"\"{column}\"::text LIKE '%' || @canary || '%'";
            await using var probe = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM \"{schema}\".\"{table}\" WHERE {predicate})", connection);
            probe.Parameters.AddWithValue("canary", canary);
            if ((bool)(await probe.ExecuteScalarAsync())!)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One session's worth of unique strings: its key, a message, a file's content and a config value.</summary>
    private sealed record Canary(SessionKey Key, string Message, string FileContent, string Voice)
    {
        public static Canary Create(string label)
        {
            var tag = Guid.NewGuid().ToString("N");
            return new Canary(SessionKey.Parse($"{label}-key-{tag}"), $"{label}-message-{tag}", $"{label}-file-{tag}", $"{label}-voice-{tag}");
        }

        public string[] Strings => [Key.ToString(), Message, FileContent, Voice];

        public async Task<SessionId> WriteAsync(ISessionClient client)
        {
            var id = (await client.GetOrCreateAsync(Key)).Session.Id;
            await client.SetConfigAsync(id, new SessionConfig { Voice = Voice });
            await client.AddFileAsync(id, new SessionFile("notes.txt", FileContent));
            // Enough turns to cross SnapshotEvery, so a snapshot and compacted events exist too.
            for (var i = 0; i < 5; i++)
            {
                await client.SendAsync(id, $"{Message} #{i}");
            }

            return id;
        }

        public async Task AssertReadableAsync(ISessionClient client)
        {
            var found = await client.FindByKeyAsync(Key);
            Assert.NotNull(found);
            Assert.Equal(Voice, found.Config.Voice);
            Assert.Contains(await client.GetHistoryAsync(found.Id), h => h.Text.StartsWith(Message, StringComparison.Ordinal));
            Assert.Contains(await client.ListFilesAsync(found.Id), f => f.Path == "notes.txt");
        }
    }
}
