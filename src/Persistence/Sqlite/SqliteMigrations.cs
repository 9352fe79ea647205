using JidoSessions.Persistence.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>The SQLite schema history and the code that brings a database file up to date.</summary>
internal static partial class SqliteMigrations
{
    /// <summary>The ordered schema history. Append new steps; never edit a released one.</summary>
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "event journal, snapshot store", """
            CREATE TABLE event_journal (
                ordering       INTEGER PRIMARY KEY AUTOINCREMENT,
                persistence_id TEXT    NOT NULL,
                sequence_nr    INTEGER NOT NULL,
                created        INTEGER NOT NULL, -- unix milliseconds, UTC
                manifest       TEXT    NOT NULL,
                payload        TEXT    NOT NULL,
                deleted        BOOLEAN NOT NULL DEFAULT FALSE,
                UNIQUE (persistence_id, sequence_nr)
            );
            CREATE TABLE snapshot_store (
                persistence_id TEXT    NOT NULL,
                sequence_nr    INTEGER NOT NULL,
                created        INTEGER NOT NULL, -- unix milliseconds, UTC
                manifest       TEXT    NOT NULL,
                payload        TEXT    NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            ) WITHOUT ROWID;
            """),
        new(2, "physical deletes: highest deleted sequence nr per id in journal_metadata, flagged rows removed", """
            CREATE TABLE journal_metadata (
                persistence_id TEXT    NOT NULL PRIMARY KEY,
                sequence_nr    INTEGER NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO journal_metadata (persistence_id, sequence_nr)
                SELECT persistence_id, MAX(sequence_nr) FROM event_journal WHERE deleted GROUP BY persistence_id;
            DELETE FROM event_journal WHERE deleted;
            """),
        // IF NOT EXISTS: files of earlier releases have the table already (the listing store created it itself).
        new(3, "session listing, written by the group-commit writer", """
            CREATE TABLE IF NOT EXISTS jido_session_directory (
                tenant TEXT NOT NULL, session_id TEXT NOT NULL, key TEXT NULL, status TEXT NOT NULL, config TEXT NOT NULL,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_active_at TEXT NOT NULL, message_count INTEGER NOT NULL,
                PRIMARY KEY (tenant, session_id));
            CREATE INDEX IF NOT EXISTS jido_session_directory_listing ON jido_session_directory (tenant, created_at DESC, session_id DESC);
            """),
        new(4, "session listing by last activity (TTL sweep)", """
            CREATE INDEX IF NOT EXISTS jido_session_directory_idle ON jido_session_directory (last_active_at);
            """),
    ];

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER PRIMARY KEY,
            description TEXT    NOT NULL,
            applied     INTEGER NOT NULL -- unix milliseconds, UTC
        );
        """;

    /// <summary>
    /// Applies the missing steps of <see cref="All"/>. The whole check-and-apply runs in one <c>BEGIN IMMEDIATE</c>
    /// transaction, which takes SQLite's write lock first, so a second process starting at the same moment waits
    /// and then finds the steps already recorded.
    /// </summary>
    public static async Task ApplyAsync(
        SqliteConnection connection, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        // deferred: false is BEGIN IMMEDIATE: the write lock is taken before the history is read.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        command.CommandText = CreateHistoryTable;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<long>();
        command.CommandText = "SELECT version FROM schema_migrations;";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        foreach (var migration in All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            command.Parameters.Clear();
            command.CommandText = migration.Sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            command.CommandText = "INSERT INTO schema_migrations (version, description, applied) VALUES ($version, $description, $applied);";
            command.Parameters.AddWithValue("$version", migration.Version);
            command.Parameters.AddWithValue("$description", migration.Description);
            command.Parameters.AddWithValue("$applied", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogMigrationApplied(logger, connection.DataSource, migration.Version, migration.Description);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
