using System.Data.Common;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace JidoSessions.Persistence.Postgres;

/// <summary>
/// A journal and snapshot store in one PostgreSQL schema. One writer group-commits all appends, deletes and snapshot
/// changes of this process; reads use pooled connections of an <see cref="NpgsqlDataSource"/> the store owns.
/// Open it with <see cref="OpenAsync"/>.
/// </summary>
/// <remarks>
/// Several processes may share a schema: the uniqueness of (persistence id, sequence nr) turns a lost race into
/// <see cref="JournalConcurrencyException"/> (SQLSTATE 23505) for exactly the losing caller.
/// </remarks>
public sealed partial class PostgresStore : GroupCommitStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSql _sql;
    private readonly ILogger _logger;

    private PostgresStore(NpgsqlDataSource dataSource, PostgresSql sql, GroupCommitWriter writer, ILogger logger)
        : base(writer)
    {
        _dataSource = dataSource;
        _sql = sql;
        _logger = logger;
    }

    /// <summary>
    /// Connects, creates the schema if needed, applies missing migrations, and starts the writer.
    /// Safe when several processes open the same schema at once.
    /// </summary>
    /// <param name="options">Where and how to store.</param>
    /// <param name="timeProvider">Source of the events' <c>created</c> time; <see cref="TimeProvider.System"/> if null.</param>
    /// <param name="loggerFactory">Logging (also handed to Npgsql); none if null.</param>
    /// <param name="cancellationToken">Cancels connecting and migrating.</param>
    public static async Task<PostgresStore> OpenAsync(
        PostgresStoreOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        timeProvider ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<PostgresStore>();

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.UseLoggerFactory(loggerFactory);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The store runs a handful of statements over and over; server-side prepared plans save a parse each time.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        var dataSource = builder.Build();
        var sql = new PostgresSql(options.Schema);
        try
        {
            await PostgresMigrations.ApplyAsync(dataSource, sql, timeProvider, logger, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var executor = new PostgresBatchExecutor(dataSource, sql, logger);
        var writer = new GroupCommitWriter(executor, options.MaxBatchSize, timeProvider, logger, $"PostgreSQL store (schema {options.Schema})");
        LogOpened(logger, options.Schema);
        return new PostgresStore(dataSource, sql, writer, logger);
    }

    private protected override async Task<List<JournalEvent>> ReadEventsPageAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.SelectEventsPage);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize });
        return await ReadRowsAsync(command, row => ReadEvent(row, persistenceId), cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<List<string>> ReadIdsPageAsync(string from, bool firstPage, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(firstPage ? _sql.SelectIdsFirstPage : _sql.SelectIdsNextPage);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize });
        return await ReadRowsAsync(command, static row => row.GetString(0), cancellationToken).ConfigureAwait(false);
    }

    private protected override async ValueTask<long> QueryHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.SelectHighest);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long highest ? highest : 0L;
    }

    private protected override async ValueTask<SnapshotEntry?> QueryLatestSnapshotAsync(
        string persistenceId, long maxSequenceNr, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.SelectLatestSnapshot);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxSequenceNr });
        var rows = await ReadRowsAsync(command, row => ReadSnapshot(row, persistenceId), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private protected override DateTimeOffset ReadTimestamp(DbDataReader row, int ordinal) =>
        row.GetFieldValue<DateTimeOffset>(ordinal);

    private protected override ValueTask CloseReadSideAsync() => _dataSource.DisposeAsync();

    private protected override void LogClosed() => LogClosed(_logger, _sql.Schema);
}
