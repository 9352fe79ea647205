using JidoSessions.Persistence.Writing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JidoSessions.Persistence.Postgres;

/// <summary>
/// Applies a group-commit batch on one connection. The usual path is one round trip whatever the batch size: the
/// appends are judged in memory (see <see cref="AppendPlanner"/>; ids the writer has not seen yet cost one extra
/// round trip that reads all their highest sequence nrs at once), then every change goes out as one NpgsqlBatch,
/// consecutive appends as one multi-row INSERT. PostgreSQL runs the statements of a batch as one implicit transaction
/// committed at its Sync, so it is all or nothing. A failure the planner could not foresee (another process won a
/// race, a payload PostgreSQL rejects) therefore writes nothing; the batch is then replayed in an explicit
/// transaction with a SAVEPOINT per operation, so only the offending callers fail.
/// </summary>
internal sealed partial class PostgresBatchExecutor(NpgsqlDataSource dataSource, PostgresSql sql, ILogger logger) : IBatchExecutor
{
    private const string UniqueViolation = "23505";

    private readonly AppendPlanner _planner = new(new HighestSequenceNrCache());
    private NpgsqlConnection? _connection;

    public async ValueTask ExecuteAsync(IReadOnlyList<WriteRequest> batch, DateTimeOffset now)
    {
        var created = StoreClock.ToStoredPrecision(now);
        var connection = _connection ??= await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            if (!await TryExecuteTogetherAsync(connection, batch, created).ConfigureAwait(false))
            {
                await ExecuteIsolatedAsync(connection, batch, created).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not PostgresException)
        {
            // A network or protocol failure leaves the connection in an unknown state: the next batch opens a new one.
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _planner.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> TryExecuteTogetherAsync(NpgsqlConnection connection, IReadOnlyList<WriteRequest> batch, DateTimeOffset created)
    {
        await SeedUnknownIdsAsync(connection, batch).ConfigureAwait(false);

        await using var commands = new NpgsqlBatch(connection);
        var run = new AppendRun();
        foreach (var request in batch)
        {
            request.Failure = null;
            if (request.Operation is AppendOperation append)
            {
                switch (_planner.Evaluate(append, out var error))
                {
                    case AppendVerdict.Proceed:
                        run.Add(append);
                        break;
                    case AppendVerdict.Rejected:
                        request.Failure = error;
                        break;
                    default:
                        return false;
                }

                continue;
            }

            // Keep arrival order: an append queued before a delete must be inserted before the delete runs.
            run.FlushInto(commands, sql, created);
            commands.BatchCommands.Add(PostgresCommands.For(request.Operation, sql));
        }

        run.FlushInto(commands, sql, created);
        if (commands.BatchCommands.Count > 0)
        {
            try
            {
                await commands.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                LogRetryingIsolated(logger, exception, sql.Schema, batch.Count, exception.SqlState);
                return false;
            }
        }

        _planner.Committed();
        return true;
    }

    /// <summary>Reads, in one round trip, the highest sequence nr of every id the planner cannot judge from its cache.</summary>
    private async Task SeedUnknownIdsAsync(NpgsqlConnection connection, IReadOnlyList<WriteRequest> batch)
    {
        _planner.Reset();
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in batch)
        {
            if (request.Operation is AppendOperation append && _planner.Evaluate(append, out _) == AppendVerdict.Unknown)
            {
                unknown.Add(append.PersistenceId);
            }
        }

        _planner.Reset();
        if (unknown.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql.SelectHighestMany, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. unknown] });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var highest = await reader.IsDBNullAsync(1).ConfigureAwait(false) ? 0L : reader.GetInt64(1);
            _planner.Seed(reader.GetString(0), highest);
        }
    }

    private async Task ExecuteIsolatedAsync(NpgsqlConnection connection, IReadOnlyList<WriteRequest> batch, DateTimeOffset created)
    {
        _planner.Reset();
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        foreach (var request in batch)
        {
            await transaction.SaveAsync("op").ConfigureAwait(false);
            try
            {
                request.Failure = await ApplyAloneAsync(connection, request.Operation, created).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (IsOwnFailure(exception))
            {
                await transaction.RollbackAsync("op").ConfigureAwait(false);
                request.Failure = exception;
                if (request.Operation is AppendOperation append)
                {
                    _planner.Invalidate(append.PersistenceId);
                    if (exception.SqlState == UniqueViolation)
                    {
                        request.Failure = new JournalConcurrencyException(append.PersistenceId, append.FirstSequenceNr, exception);
                    }
                }
            }

            await transaction.ReleaseAsync("op").ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        _planner.Committed();
    }

    /// <summary>Applies one operation; returns the append's gap or conflict instead of throwing it.</summary>
    private async Task<Exception?> ApplyAloneAsync(NpgsqlConnection connection, WriteOperation operation, DateTimeOffset created)
    {
        await using var commands = new NpgsqlBatch(connection);
        if (operation is AppendOperation append)
        {
            await using (var select = new NpgsqlCommand(sql.SelectHighest, connection))
            {
                select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = append.PersistenceId });
                _planner.Seed(append.PersistenceId, await select.ExecuteScalarAsync().ConfigureAwait(false) is long stored ? stored : 0L);
            }

            if (_planner.Evaluate(append, out var error) != AppendVerdict.Proceed)
            {
                return error;
            }

            var run = new AppendRun();
            run.Add(append);
            run.FlushInto(commands, sql, created);
        }
        else
        {
            commands.BatchCommands.Add(PostgresCommands.For(operation, sql));
        }

        await commands.ExecuteNonQueryAsync().ConfigureAwait(false);
        return null;
    }

    // Data (22), integrity (23) and limit (54) errors concern the operation's own rows; anything else is the
    // transaction's or the server's problem and fails the whole batch.
    private static bool IsOwnFailure(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("23", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("54", StringComparison.Ordinal);
}
