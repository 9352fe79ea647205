using JidoSessions.Persistence.Schema;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JidoSessions.Persistence.Postgres;

/// <summary>The PostgreSQL schema history and the code that brings a schema up to date.</summary>
internal static partial class PostgresMigrations
{
    private const string SchemaPlaceholder = "{schema}";

    /// <summary>The ordered schema history; <c>{schema}</c> stands for the quoted schema name. Append, never edit.</summary>
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "event journal, snapshot store", """
            CREATE TABLE {schema}.event_journal (
                ordering       BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                persistence_id TEXT        COLLATE "C" NOT NULL,
                sequence_nr    BIGINT      NOT NULL,
                created        TIMESTAMPTZ NOT NULL,
                manifest       TEXT        NOT NULL,
                payload        TEXT        NOT NULL,
                deleted        BOOLEAN     NOT NULL DEFAULT FALSE,
                CONSTRAINT event_journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr)
            );
            CREATE TABLE {schema}.snapshot_store (
                persistence_id TEXT        COLLATE "C" NOT NULL,
                sequence_nr    BIGINT      NOT NULL,
                created        TIMESTAMPTZ NOT NULL,
                manifest       TEXT        NOT NULL,
                payload        TEXT        NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            """),
    ];

    /// <summary>
    /// Creates the schema if needed and applies the missing steps of <see cref="All"/> in one transaction. A
    /// transaction-scoped advisory lock per schema makes concurrent starters (other processes) wait for the first one.
    /// </summary>
    public static async Task ApplyAsync(
        NpgsqlDataSource dataSource, PostgresSql sql, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", cancellationToken,
            $"jido_sessions.persistence.migrate:{sql.Schema}").ConfigureAwait(false);

        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sql.Schema });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA {sql.QuotedSchema}", cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {sql.QuotedSchema}.schema_migrations (
                version     INTEGER     PRIMARY KEY,
                description TEXT        NOT NULL,
                applied     TIMESTAMPTZ NOT NULL
            )
            """, cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var select = new NpgsqlCommand($"SELECT version FROM {sql.QuotedSchema}.schema_migrations", connection))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await ExecuteAsync(connection, migration.Sql.Replace(SchemaPlaceholder, sql.QuotedSchema, StringComparison.Ordinal),
                cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection,
                $"INSERT INTO {sql.QuotedSchema}.schema_migrations (version, description, applied) VALUES ($1, $2, $3)",
                cancellationToken, migration.Version, migration.Description, timeProvider.GetUtcNow().ToUniversalTime())
                .ConfigureAwait(false);
            LogMigrationApplied(logger, sql.Schema, migration.Version, migration.Description);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string commandText, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(commandText, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
