using System.Data.Common;
using System.Globalization;
using JidoSessions.Persistence.Directory;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Writing;
using Microsoft.Data.Sqlite;
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
        var command = lease.Command(SqliteSql.SelectEventsPage, "$pid", "$from", "$to", "$limit");
        command.Bind(persistenceId, fromSequenceNr, toSequenceNr, PageSize);
        return ReadRows(command, row => ReadEvent(row, persistenceId));
    }

    private protected override async Task<List<string>> ReadIdsPageAsync(string from, bool firstPage, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(firstPage ? SqliteSql.SelectIdsFirstPage : SqliteSql.SelectIdsNextPage, "$from", "$limit");
        command.Bind(from, PageSize);
        return ReadRows(command, static row => row.GetString(0));
    }

    private protected override async ValueTask<long> QueryHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(SqliteSql.SelectHighest, "$pid");
        command.Bind(persistenceId);
        return command.ExecuteScalar() is long highest ? highest : 0L;
    }

    private protected override async ValueTask<SnapshotEntry?> QueryLatestSnapshotAsync(
        string persistenceId, long maxSequenceNr, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(SqliteSql.SelectLatestSnapshot, "$pid", "$max");
        command.Bind(persistenceId, maxSequenceNr);
        var rows = ReadRows(command, row => ReadSnapshot(row, persistenceId));
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
        var count = status is null
            ? lease.Command(SqliteSql.CountDirectory, "$t").Bind(tenant)
            : lease.Command(SqliteSql.CountDirectoryWithStatus, "$t", "$st").Bind(tenant, status);
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        var page = status is null
            ? lease.Command(SqliteSql.SelectDirectoryPage, "$t", "$limit", "$offset").Bind(tenant, limit, offset)
            : lease.Command(SqliteSql.SelectDirectoryPageWithStatus, "$t", "$st", "$limit", "$offset").Bind(tenant, status, limit, offset);
        return new DirectoryPage(ReadRows(page, ReadDirectoryRow), total);
    }

    /// <inheritdoc />
    public async Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(SqliteSql.SelectDirectoryRow, "$t", "$s");
        command.Bind(tenant, sessionId);
        var rows = ReadRows(command, ReadDirectoryRow);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryEntry>> ListIdleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(SqliteSql.SelectIdleDirectoryRows, "$before", "$limit");
        command.Bind(SqliteSql.DirectoryTime(before), limit);
        return ReadRows(command, ReadDirectoryRow);
    }

    // Synchronous on purpose: Microsoft.Data.Sqlite's async reads run synchronously anyway, and the async wrappers
    // cost a task and a state machine per row.
    private static List<T> ReadRows<T>(SqliteCommand command, Func<SqliteDataReader, T> readRow)
    {
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(readRow(reader));
        }

        return rows;
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
