using JidoSessions.Persistence.Directory;
using Microsoft.Data.Sqlite;

namespace JidoSessions.Actors.Persistence;

/// <summary>
/// The listing read side in the SQLite database the journal uses: one row per live session, read per tenant through
/// the index (tenant, created_at desc, session_id desc). Holds an exclusive lock file next to the database while open,
/// so a second process on the same data folder fails at once instead of corrupting the first one's state.
/// </summary>
internal sealed class SqliteDirectoryStore : ISessionDirectoryStore, IDisposable
{
    private const string Columns = "tenant, session_id, key, status, config, created_at, updated_at, last_active_at, message_count";
    private readonly string _connectionString;
    private readonly FileStream _lock;

    public SqliteDirectoryStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _lock = AcquireLock(full);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA secure_delete = ON;
            CREATE TABLE IF NOT EXISTS jido_session_directory (
                tenant TEXT NOT NULL, session_id TEXT NOT NULL, key TEXT NULL, status TEXT NOT NULL, config TEXT NOT NULL,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_active_at TEXT NOT NULL, message_count INTEGER NOT NULL,
                PRIMARY KEY (tenant, session_id));
            CREATE INDEX IF NOT EXISTS jido_session_directory_listing ON jido_session_directory (tenant, created_at DESC, session_id DESC);
            """);
    }

    public async Task UpsertAsync(DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT OR REPLACE INTO jido_session_directory ({Columns}) VALUES ($t, $s, $k, $st, $c, $ca, $ua, $la, $mc)";
        command.Parameters.AddWithValue("$t", entry.Tenant);
        command.Parameters.AddWithValue("$s", entry.SessionId);
        command.Parameters.AddWithValue("$k", (object?)entry.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$st", entry.Status);
        command.Parameters.AddWithValue("$c", entry.ConfigJson);
        command.Parameters.AddWithValue("$ca", entry.CreatedAt.UtcDateTime.ToString("O"));
        command.Parameters.AddWithValue("$ua", entry.UpdatedAt.UtcDateTime.ToString("O"));
        command.Parameters.AddWithValue("$la", entry.LastActiveAt.UtcDateTime.ToString("O"));
        command.Parameters.AddWithValue("$mc", entry.MessageCount);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM jido_session_directory WHERE tenant = $t AND session_id = $s";
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$s", sessionId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DirectoryPage> ListAsync(string tenant, string? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var filter = status is null ? "tenant = $t" : "tenant = $t AND status = $st";
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM jido_session_directory WHERE {filter}";
        Bind(count, tenant, status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        await using var page = connection.CreateCommand();
        page.CommandText = $"SELECT {Columns} FROM jido_session_directory WHERE {filter} ORDER BY created_at DESC, session_id DESC LIMIT $limit OFFSET $offset";
        Bind(page, tenant, status);
        page.Parameters.AddWithValue("$limit", limit);
        page.Parameters.AddWithValue("$offset", offset);
        return new DirectoryPage(await ReadAsync(page, cancellationToken).ConfigureAwait(false), total);
    }

    public async Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jido_session_directory WHERE tenant = $t AND session_id = $s";
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$s", sessionId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public void Dispose() => _lock.Dispose();

    private static FileStream AcquireLock(string database)
    {
        var path = database + ".lock";
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stream.Write(pid);
            stream.Flush();
            return stream;
        }
        catch (IOException exception)
        {
            var holder = TryReadPid(path);
            throw new StoreInUseException(
                $"{database} is in use by another process{(holder is null ? "" : $" (pid {holder})")}; stop it, or point jido.storage.sqlite.path at another file.",
                exception);
        }
    }

    private static string? TryReadPid(string path)
    {
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader);
            return text.ReadToEnd() is { Length: > 0 } pid ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Bind(SqliteCommand command, string tenant, string? status)
    {
        command.Parameters.AddWithValue("$t", tenant);
        if (status is not null)
        {
            command.Parameters.AddWithValue("$st", status);
        }
    }

    private static async Task<List<DirectoryEntry>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DirectoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DirectoryEntry(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Time(reader.GetString(5)), Time(reader.GetString(6)), Time(reader.GetString(7)), reader.GetInt32(8)));
        }

        return rows;
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // secure_delete is per connection: a removed listing row (key, config) must not stay readable in freed pages.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
        return connection;
    }
}

/// <summary>The storage is held by another process.</summary>
public sealed class StoreInUseException(string message, Exception? innerException = null) : IOException(message, innerException);
