using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Writing;
using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>
/// Applies a group-commit batch on the writer connection: one <c>BEGIN IMMEDIATE</c> transaction and one COMMIT (the
/// only fsync) for every operation in it, each operation isolated so one caller's gap, conflict or bad row is undone
/// alone. Statements are prepared once and reused for the connection's lifetime.
/// </summary>
/// <remarks>
/// An append is judged before anything is written (see <see cref="AppendPlanner"/>: usually from the writer's cache,
/// otherwise from one index lookup), and a single statement that fails leaves no trace (SQLite's statement
/// atomicity). So a single-event append, a delete or a snapshot change fails only without writing anything and needs
/// no savepoint; an append of several events, which takes several INSERTs, runs inside a SAVEPOINT. The single-event
/// path is what persistent actors do all day: in steady state it is one INSERT, where a SAVEPOINT, a lookup and a
/// RELEASE around it would cost as much again.
/// </remarks>
internal sealed class SqliteBatchExecutor : IBatchExecutor
{
    // SQLite result codes that concern one statement's data, not the transaction (constraint, too big, type mismatch).
    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    private readonly SqliteConnection _connection;
    private readonly AppendPlanner _planner = new(new HighestSequenceNrCache());
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly SqliteCommand _selectHighest;
    private readonly SqliteEventInsert _insertEvent;
    private readonly SqliteCommand _deleteEventsTo;
    private readonly SqliteCommand _upsertSnapshot;
    private readonly SqliteCommand _deleteSnapshotsTo;
    private readonly SqliteCommand _upsertDirectory;
    private readonly SqliteCommand _deleteDirectory;
    private readonly SqliteCommand _checkpoint;
    private readonly SqliteCommand[] _commands;

    public SqliteBatchExecutor(SqliteConnection connection)
    {
        _connection = connection;
        _savepoint = Create("SAVEPOINT op;");
        _release = Create("RELEASE op;");
        _rollbackToSavepoint = Create("ROLLBACK TO op;");
        _selectHighest = Create(SqliteSql.SelectHighest, "$pid");
        _insertEvent = new SqliteEventInsert(connection);
        _deleteEventsTo = Create(SqliteSql.DeleteEventsTo, "$pid", "$to");
        _upsertSnapshot = Create(SqliteSql.UpsertSnapshot, "$pid", "$seq", "$created", "$manifest", "$payload");
        _deleteSnapshotsTo = Create(SqliteSql.DeleteSnapshotsTo, "$pid", "$to");
        _upsertDirectory = Create(SqliteSql.UpsertDirectory, "$t", "$s", "$k", "$st", "$c", "$ca", "$ua", "$la", "$mc");
        _deleteDirectory = Create(SqliteSql.DeleteDirectory, "$t", "$s");
        _checkpoint = Create("PRAGMA wal_checkpoint(TRUNCATE);");
        _commands =
        [
            _savepoint, _release, _rollbackToSavepoint, _selectHighest, _deleteEventsTo, _upsertSnapshot, _deleteSnapshotsTo,
            _upsertDirectory, _deleteDirectory,
        ];
    }

    public ValueTask ExecuteAsync(IReadOnlyList<WriteRequest> batch, DateTimeOffset now)
    {
        // Microsoft.Data.Sqlite runs synchronously anyway; doing it inline avoids pretend-async overhead per statement.
        var createdMs = StoreClock.ToStoredPrecision(now).ToUnixTimeMilliseconds();
        _planner.Reset();
        var purged = false;
        var transaction = _connection.BeginTransaction(deferred: false);
        try
        {
            foreach (var command in _commands)
            {
                command.Transaction = transaction;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var request = batch[i];
                try
                {
                    Apply(request.Operation, createdMs);
                    purged |= request.Operation is DeleteMessagesOperation or RemoveDirectoryOperation;
                }
                catch (Exception exception) when (IsOwnFailure(exception))
                {
                    request.Failure = Translate(exception, request.Operation);
                }
            }

            transaction.Commit();
            _planner.Committed();
        }
        catch
        {
            _planner.Reset();
            RollbackQuietly(transaction);
            throw;
        }
        finally
        {
            transaction.Dispose();
        }

        if (purged)
        {
            // Deleted rows are zeroed in the pages secure_delete rewrote, but the WAL still holds the frames that wrote
            // them. A TRUNCATE checkpoint copies the WAL into the database and empties it, so no earlier frame survives.
            // It runs outside the transaction; readers in flight may make it partial (it then stops without error),
            // and the next batch with a delete, or closing the store, finishes it.
            // The batch is committed by now: a failing checkpoint must not fail its writes (an I/O error shows on the next
            // commit anyway).
            try
            {
                _checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _checkpoint.Dispose();
        _insertEvent.Dispose();
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Apply(WriteOperation operation, long createdMs)
    {
        switch (operation)
        {
            case AppendOperation append:
                Append(append, createdMs);
                break;
            case DeleteMessagesOperation delete:
                Execute(_deleteEventsTo, delete.PersistenceId, delete.ToSequenceNr);
                break;
            case SaveSnapshotOperation { Snapshot: var snapshot }:
                Execute(
                    _upsertSnapshot,
                    snapshot.PersistenceId,
                    snapshot.SequenceNr,
                    StoreClock.ToStoredPrecision(snapshot.Created).ToUnixTimeMilliseconds(),
                    snapshot.Manifest,
                    snapshot.Payload);
                break;
            case DeleteSnapshotsOperation deleteSnapshots:
                Execute(_deleteSnapshotsTo, deleteSnapshots.PersistenceId, deleteSnapshots.MaxSequenceNr);
                break;
            case UpsertDirectoryOperation { Entry: var row }:
                Execute(
                    _upsertDirectory,
                    row.Tenant,
                    row.SessionId,
                    (object?)row.Key ?? DBNull.Value,
                    row.Status,
                    row.ConfigJson,
                    SqliteSql.DirectoryTime(row.CreatedAt),
                    SqliteSql.DirectoryTime(row.UpdatedAt),
                    SqliteSql.DirectoryTime(row.LastActiveAt),
                    row.MessageCount);
                break;
            case RemoveDirectoryOperation remove:
                Execute(_deleteDirectory, remove.Tenant, remove.SessionId);
                break;
            default:
                throw new InvalidOperationException($"Unknown write operation {operation.GetType().Name}.");
        }
    }

    private void Append(AppendOperation append, long createdMs)
    {
        var verdict = _planner.Evaluate(append, out var error);
        if (verdict == AppendVerdict.Unknown)
        {
            _selectHighest.Parameters[0].Value = append.PersistenceId;
            _planner.Seed(append.PersistenceId, _selectHighest.ExecuteScalar() is long stored ? stored : 0L);
            verdict = _planner.Evaluate(append, out error);
        }

        if (verdict != AppendVerdict.Proceed)
        {
            throw error!;
        }

        try
        {
            if (append.Events.Count == 1)
            {
                Insert(append.PersistenceId, append.Events[0], createdMs);
            }
            else
            {
                InsertSeveral(append, createdMs);
            }
        }
        catch
        {
            // The planner assumed the rows were written; another process may be ahead of what it knew.
            _planner.Invalidate(append.PersistenceId);
            throw;
        }
    }

    private void InsertSeveral(AppendOperation append, long createdMs)
    {
        _savepoint.ExecuteNonQuery();
        try
        {
            foreach (var @event in append.Events)
            {
                Insert(append.PersistenceId, @event, createdMs);
            }
        }
        catch
        {
            _rollbackToSavepoint.ExecuteNonQuery();
            throw;
        }
        finally
        {
            _release.ExecuteNonQuery();
        }
    }

    private void Insert(string persistenceId, EventToWrite @event, long createdMs) =>
        _insertEvent.Execute(persistenceId, @event.SequenceNr, createdMs, @event.Manifest, @event.Payload);

    // Round-trip text (the listing's format since its first release), which sorts in time order for the listing index.

    private static int Execute(SqliteCommand command, params ReadOnlySpan<object> values) => command.Bind(values).ExecuteNonQuery();

    private static bool IsOwnFailure(Exception exception) => exception switch
    {
        JournalConcurrencyException or JournalSequenceGapException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteConstraint or SqliteTooBig or SqliteMismatch,
        _ => false,
    };

    private static Exception Translate(Exception exception, WriteOperation operation) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }
            && operation is AppendOperation append
            ? new JournalConcurrencyException(append.PersistenceId, append.FirstSequenceNr, exception)
            : exception;

    private static void RollbackQuietly(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (SqliteException)
        {
            // After an I/O or full-disk error SQLite may already have rolled back; the original error is what matters.
        }
        catch (InvalidOperationException)
        {
            // The transaction already completed (the failure came from COMMIT itself).
        }
    }

    private SqliteCommand Create(string sql, params ReadOnlySpan<string> parameterNames) =>
        SqliteCommands.Create(_connection, sql, parameterNames);
}
