using System.Data.Common;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>
/// A journal and snapshot store in one SQLite file (WAL mode). One writer group-commits all appends, deletes and
/// snapshot changes; reads run in parallel on pooled read connections. Open it with <see cref="OpenAsync"/>.
/// </summary>
/// <remarks>
/// Several processes may open the same file: SQLite's write lock serializes their writers and the uniqueness of
/// (persistence id, sequence nr) turns a lost race into <see cref="JournalConcurrencyException"/>.
/// </remarks>
public sealed partial class SqliteStore : GroupCommitStore
{
    private readonly SqliteReadPool _readers;
    private readonly ILogger _logger;
    private readonly string _path;

    private SqliteStore(SqliteReadPool readers, GroupCommitWriter writer, ILogger logger, string path)
        : base(writer)
    {
        _readers = readers;
        _logger = logger;
        _path = path;
    }

    /// <summary>
    /// Opens (creating if needed) the database at <see cref="SqliteStoreOptions.Path"/>, applies missing schema
    /// migrations, and starts the writer. Safe when several processes open the same file at once.
    /// </summary>
    /// <param name="options">Where and how to store.</param>
    /// <param name="timeProvider">Source of the events' <c>created</c> time; <see cref="TimeProvider.System"/> if null.</param>
    /// <param name="loggerFactory">Logging; none if null.</param>
    /// <param name="cancellationToken">Cancels opening and migrating.</param>
    public static async Task<SqliteStore> OpenAsync(
        SqliteStoreOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        timeProvider ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<SqliteStore>();
        var connectionString = SqliteConnections.BuildConnectionString(options);

        var writerConnection = await SqliteConnections
            .OpenWriterAsync(connectionString, options, cancellationToken).ConfigureAwait(false);
        try
        {
            await SqliteMigrations.ApplyAsync(writerConnection, timeProvider, logger, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await writerConnection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var writer = new GroupCommitWriter(
            new SqliteBatchExecutor(writerConnection), options.MaxBatchSize, timeProvider, logger, $"SQLite store {options.Path}");
        LogOpened(logger, options.Path, options.Synchronous);
        return new SqliteStore(new SqliteReadPool(connectionString, options), writer, logger, options.Path);
    }

    private protected override async Task<List<JournalEvent>> ReadEventsPageAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectEventsPage;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$limit", PageSize);
        return await ReadRowsAsync(command, row => ReadEvent(row, persistenceId), cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<List<string>> ReadIdsPageAsync(string from, bool firstPage, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = firstPage ? SqliteSql.SelectIdsFirstPage : SqliteSql.SelectIdsNextPage;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$limit", PageSize);
        return await ReadRowsAsync(command, static row => row.GetString(0), cancellationToken).ConfigureAwait(false);
    }

    private protected override async ValueTask<long> QueryHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectHighest;
        command.Parameters.AddWithValue("$pid", persistenceId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long highest ? highest : 0L;
    }

    private protected override async ValueTask<SnapshotEntry?> QueryLatestSnapshotAsync(
        string persistenceId, long maxSequenceNr, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectLatestSnapshot;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$max", maxSequenceNr);
        var rows = await ReadRowsAsync(command, row => ReadSnapshot(row, persistenceId), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    // The schema stores times as unix milliseconds (INTEGER): SQLite has no timestamp type.
    private protected override DateTimeOffset ReadTimestamp(DbDataReader row, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

    private protected override ValueTask CloseReadSideAsync() => _readers.DisposeAsync();

    private protected override void LogClosed() => LogClosed(_logger, _path);
}
