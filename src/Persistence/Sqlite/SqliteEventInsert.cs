using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>
/// The journal's hottest statement, the INSERT of one event, prepared once on SQLite's own API. Microsoft.Data.Sqlite
/// creates a reader and looks every parameter up by name on each execution, which costs about a quarter of the insert
/// itself; here binding is by position and nothing is allocated but the UTF-8 text. Errors surface as
/// <see cref="SqliteException"/> with SQLite's codes, exactly as through Microsoft.Data.Sqlite.
/// </summary>
internal sealed class SqliteEventInsert : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteEventInsert(SqliteConnection connection)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        ThrowOnError(raw.sqlite3_prepare_v2(_database, SqliteSql.InsertEvent, out _statement));
    }

    /// <summary>Inserts one event in the connection's current transaction.</summary>
    public void Execute(string persistenceId, long sequenceNr, long createdMs, string manifest, string payload)
    {
        try
        {
            // Positions follow the first appearance of $pid, $seq, $created, $manifest, $payload in the SQL.
            ThrowOnError(raw.sqlite3_bind_text(_statement, 1, persistenceId));
            ThrowOnError(raw.sqlite3_bind_int64(_statement, 2, sequenceNr));
            ThrowOnError(raw.sqlite3_bind_int64(_statement, 3, createdMs));
            ThrowOnError(raw.sqlite3_bind_text(_statement, 4, manifest));
            ThrowOnError(raw.sqlite3_bind_text(_statement, 5, payload));
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                throw CreateException(result);
            }
        }
        finally
        {
            // reset repeats the step's error code, which was already reported.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void ThrowOnError(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw CreateException(result);
        }
    }

    private SqliteException CreateException(int result) =>
        new(
            $"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.",
            result,
            raw.sqlite3_extended_errcode(_database));
}
