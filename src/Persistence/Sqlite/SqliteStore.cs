using System.Data.Common;
using System.Globalization;
using JidoSessions.Persistence.Directory;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>
/// A journal, snapshot store and session listing in one SQLite file (WAL mode). One writer group-commits all appends,
/// deletes, snapshot and listing changes (so a listing update shares the commit of the events around it instead of
/// taking SQLite's write lock on its own); reads run in parallel on pooled read connections. Open it with <see cref="OpenAsync"/>.
/// </summary>
/// <remarks>
/// Several processes may open the same file: SQLite's write lock serializes their writers and the uniqueness of
/// (persistence id, sequence nr) turns a lost race into <see cref="JournalConcurrencyException"/>.
/// </remarks>
public sealed partial class SqliteStore : GroupCommitStore, ISessionDirectoryStore
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

    /// <inheritdoc />
    public Task UpsertAsync(DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return EnqueueAsync(new UpsertDirectoryOperation(entry), cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new RemoveDirectoryOperation(tenant, sessionId), cancellationToken);

    /// <inheritdoc />
    public async Task<DirectoryPage> ListAsync(string tenant, string? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var filter = status is null ? "tenant = $t" : "tenant = $t AND status = $st";
        await using var count = lease.Connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM jido_session_directory WHERE {filter};";
        BindListing(count, tenant, status);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await using var page = lease.Connection.CreateCommand();
        page.CommandText =
            $"SELECT {SqliteSql.DirectoryColumns} FROM jido_session_directory WHERE {filter} ORDER BY created_at DESC, session_id DESC LIMIT $limit OFFSET $offset;";
        BindListing(page, tenant, status);
        page.Parameters.AddWithValue("$limit", limit);
        page.Parameters.AddWithValue("$offset", offset);
        return new DirectoryPage(await ReadRowsAsync(page, ReadDirectoryRow, cancellationToken).ConfigureAwait(false), total);
    }

    /// <inheritdoc />
    public async Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectDirectoryRow;
        command.Parameters.AddWithValue("$t", tenant);
        command.Parameters.AddWithValue("$s", sessionId);
        var rows = await ReadRowsAsync(command, ReadDirectoryRow, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryEntry>> ListIdleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText =
            $"SELECT {SqliteSql.DirectoryColumns} FROM jido_session_directory WHERE last_active_at < $before AND status IN ('Active', 'Idle') ORDER BY last_active_at LIMIT $limit;";
        command.Parameters.AddWithValue("$before", SqliteSql.DirectoryTime(before));
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadRowsAsync(command, ReadDirectoryRow, cancellationToken).ConfigureAwait(false);
    }

    private static void BindListing(Microsoft.Data.Sqlite.SqliteCommand command, string tenant, string? status)
    {
        command.Parameters.AddWithValue("$t", tenant);
        if (status is not null)
        {
            command.Parameters.AddWithValue("$st", status);
        }
    }

    private static DirectoryEntry ReadDirectoryRow(DbDataReader row) => new(
        row.GetString(0),
        row.GetString(1),
        row.IsDBNull(2) ? null : row.GetString(2),
        row.GetString(3),
        row.GetString(4),
        DirectoryTime(row.GetString(5)),
        DirectoryTime(row.GetString(6)),
        DirectoryTime(row.GetString(7)),
        row.GetInt32(8));

    private static DateTimeOffset DirectoryTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    // The schema stores times as unix milliseconds (INTEGER): SQLite has no timestamp type.
    private protected override DateTimeOffset ReadTimestamp(DbDataReader row, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

    private protected override ValueTask CloseReadSideAsync() => _readers.DisposeAsync();

    private protected override void LogClosed() => LogClosed(_logger, _path);
}
