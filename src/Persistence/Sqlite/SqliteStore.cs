using System.Runtime.CompilerServices;
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
public sealed partial class SqliteStore : IJournal, ISnapshotStore
{
    private const int PageSize = 1000;

    private readonly SqliteReadPool _readers;
    private readonly GroupCommitWriter _writer;
    private readonly ILogger _logger;
    private readonly string _path;
    private int _disposed;

    private SqliteStore(SqliteReadPool readers, GroupCommitWriter writer, ILogger logger, string path)
    {
        _readers = readers;
        _writer = writer;
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

    /// <inheritdoc />
    public ValueTask AppendAsync(string persistenceId, IReadOnlyList<EventToWrite> events, CancellationToken cancellationToken = default)
    {
        if (AppendRules.Validate(persistenceId, events) is { } gap)
        {
            return ValueTask.FromException(gap);
        }

        return events.Count == 0
            ? ValueTask.CompletedTask
            : new ValueTask(_writer.EnqueueAsync(new AppendOperation(persistenceId, [.. events]), cancellationToken));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalEvent> ReadAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var next = Math.Max(fromSequenceNr, 1);
        while (next <= toSequenceNr)
        {
            // Pages keep a slow consumer from pinning a read connection (and the WAL) for the whole replay.
            var page = await ReadEventsPageAsync(persistenceId, next, toSequenceNr, cancellationToken).ConfigureAwait(false);
            foreach (var @event in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return @event;
            }

            if (page.Count < PageSize || page[^1].SequenceNr == long.MaxValue)
            {
                yield break;
            }

            next = page[^1].SequenceNr + 1;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectHighest;
        command.Parameters.AddWithValue("$pid", persistenceId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long highest ? highest : 0L;
    }

    /// <inheritdoc />
    public ValueTask DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return new ValueTask(_writer.EnqueueAsync(new DeleteMessagesOperation(persistenceId, toSequenceNr), cancellationToken));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIdsAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var from = prefix;
        var sql = SqliteSql.SelectIdsFirstPage;
        while (true)
        {
            var page = await ReadIdsPageAsync(sql, from, cancellationToken).ConfigureAwait(false);
            foreach (var id in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!id.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield break;
                }

                yield return id;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            from = page[^1];
            sql = SqliteSql.SelectIdsNextPage;
        }
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken = default)
    {
        SnapshotRules.Validate(snapshot);
        return new ValueTask(_writer.EnqueueAsync(new SaveSnapshotOperation(snapshot), cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<SnapshotEntry?> LoadLatestAsync(
        string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectLatestSnapshot;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$max", maxSequenceNr);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SnapshotEntry(
            persistenceId,
            reader.GetInt64(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            reader.GetString(2),
            reader.GetString(3));
    }

    /// <inheritdoc />
    public ValueTask DeleteToAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return new ValueTask(_writer.EnqueueAsync(new DeleteSnapshotsOperation(persistenceId, maxSequenceNr), cancellationToken));
    }

    /// <summary>Commits every write already accepted, then closes the writer and all read connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _readers.DisposeAsync().ConfigureAwait(false);
        LogClosed(_logger, _path);
    }

    private async Task<List<JournalEvent>> ReadEventsPageAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = SqliteSql.SelectEventsPage;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$limit", PageSize);
        var page = new List<JournalEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(new JournalEvent(
                reader.GetInt64(0),
                persistenceId,
                reader.GetInt64(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetString(4)));
        }

        return page;
    }

    private async Task<List<string>> ReadIdsPageAsync(string sql, string from, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$limit", PageSize);
        var page = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(reader.GetString(0));
        }

        return page;
    }
}
