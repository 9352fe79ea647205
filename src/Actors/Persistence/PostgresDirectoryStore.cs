using JidoSessions.Persistence.Directory;
using Npgsql;

namespace JidoSessions.Actors.Persistence;

/// <summary>
/// The listing read side in PostgreSQL, beside the journal: one row per live session, read per tenant through the
/// index (tenant, created_at desc, session_id desc). Shared by every node of a cluster.
/// </summary>
internal sealed class PostgresDirectoryStore : ISessionDirectoryStore, IDisposable
{
    private const string Columns = "tenant, session_id, key, status, config, created_at, updated_at, last_active_at, message_count";
    private readonly NpgsqlDataSource _source;
    private readonly string _table;
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _ready;

    public PostgresDirectoryStore(string connectionString, string schema)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        var quoted = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        _table = quoted + ".jido_session_directory";
        Schema = quoted;
    }

    private string Schema { get; }

    public async Task UpsertAsync(DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand(
            $"INSERT INTO {_table} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
            "ON CONFLICT (tenant, session_id) DO UPDATE SET key = EXCLUDED.key, status = EXCLUDED.status, config = EXCLUDED.config, " +
            "updated_at = EXCLUDED.updated_at, last_active_at = EXCLUDED.last_active_at, message_count = EXCLUDED.message_count");
        command.Parameters.AddWithValue(entry.Tenant);
        command.Parameters.AddWithValue(entry.SessionId);
        command.Parameters.AddWithValue((object?)entry.Key ?? DBNull.Value);
        command.Parameters.AddWithValue(entry.Status);
        command.Parameters.AddWithValue(entry.ConfigJson);
        command.Parameters.AddWithValue(entry.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(entry.UpdatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(entry.LastActiveAt.ToUniversalTime());
        command.Parameters.AddWithValue(entry.MessageCount);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand($"DELETE FROM {_table} WHERE tenant = $1 AND session_id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(sessionId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DirectoryPage> ListAsync(string tenant, string? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = status is null ? "tenant = $1" : "tenant = $1 AND status = $2";
        await using var count = _source.CreateCommand($"SELECT COUNT(*) FROM {_table} WHERE {filter}");
        Bind(count, tenant, status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        var next = status is null ? 2 : 3;
        await using var page = _source.CreateCommand($"SELECT {Columns} FROM {_table} WHERE {filter} ORDER BY created_at DESC, session_id DESC LIMIT ${next} OFFSET ${next + 1}");
        Bind(page, tenant, status);
        page.Parameters.AddWithValue(limit);
        page.Parameters.AddWithValue(offset);
        return new DirectoryPage(await ReadAsync(page, cancellationToken).ConfigureAwait(false), total);
    }

    public async Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand($"SELECT {Columns} FROM {_table} WHERE tenant = $1 AND session_id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(sessionId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<DirectoryEntry>> ListIdleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _source.CreateCommand(
            $"SELECT {Columns} FROM {_table} WHERE last_active_at < $1 AND status IN ('Active', 'Idle') ORDER BY last_active_at LIMIT $2");
        command.Parameters.AddWithValue(before.ToUniversalTime());
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _source.Dispose();
        _created.Dispose();
    }

    private static void Bind(NpgsqlCommand command, string tenant, string? status)
    {
        command.Parameters.AddWithValue(tenant);
        if (status is not null)
        {
            command.Parameters.AddWithValue(status);
        }
    }

    private static async Task<List<DirectoryEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DirectoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DirectoryEntry(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt32(8)));
        }

        return rows;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _ready))
        {
            return;
        }

        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await using var command = _source.CreateCommand($"""
                    CREATE SCHEMA IF NOT EXISTS {Schema};
                    CREATE TABLE IF NOT EXISTS {_table} (
                        tenant TEXT NOT NULL, session_id TEXT NOT NULL, key TEXT NULL, status TEXT NOT NULL, config TEXT NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, last_active_at TIMESTAMPTZ NOT NULL, message_count INTEGER NOT NULL,
                        PRIMARY KEY (tenant, session_id));
                    CREATE INDEX IF NOT EXISTS jido_session_directory_listing ON {_table} (tenant, created_at DESC, session_id DESC);
                    CREATE INDEX IF NOT EXISTS jido_session_directory_idle ON {_table} (last_active_at);
                    """);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _ready, true);
            }
        }
        finally
        {
            _created.Release();
        }
    }
}
