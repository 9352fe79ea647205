using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>Opens the store's connections with the per-connection settings each role needs.</summary>
internal static class SqliteConnections
{
    /// <summary>
    /// Pooling is off: the store keeps its own writer and read pool, so closing the store really closes the file
    /// (a test or a backup can delete or copy it right after disposal).
    /// </summary>
    public static string BuildConnectionString(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = options.Path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = false,
        DefaultTimeout = Math.Max(1, (options.BusyTimeoutMilliseconds + 999) / 1000),
    }.ToString();

    /// <summary>Opens the connection the single writer (and the migrator) uses: WAL mode, the chosen fsync level.</summary>
    public static async Task<SqliteConnection> OpenWriterAsync(
        string connectionString, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, options, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite database '{options.Path}' cannot use WAL journal mode (got '{mode}'); " +
                    "it must be a local file, not in-memory or on a network share.");
            }

            // secure_delete zeroes the content of deleted rows in the pages it frees, so a purged session leaves no bytes.
            // temp_store = MEMORY keeps the savepoint sub-journal off the disk: it only ever protects the open transaction.
            // Only this connection commits, so its auto-checkpoint setting is the store's.
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA synchronous = {(int)options.Synchronous}; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON; " +
                $"PRAGMA wal_autocheckpoint = {options.WalAutoCheckpointPages};");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a connection for reads only; <c>query_only</c> guards against a write slipping past the writer.</summary>
    public static async Task<SqliteConnection> OpenReaderAsync(
        string connectionString, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, options, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA query_only = ON;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SqliteConnection> OpenAsync(
        string connectionString, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {options.BusyTimeoutMilliseconds};");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
