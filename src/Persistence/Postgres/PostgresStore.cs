using System.Runtime.CompilerServices;
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
public sealed partial class PostgresStore : IJournal, ISnapshotStore
{
    private const int PageSize = 1000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSql _sql;
    private readonly GroupCommitWriter _writer;
    private readonly ILogger _logger;
    private int _disposed;

    private PostgresStore(NpgsqlDataSource dataSource, PostgresSql sql, GroupCommitWriter writer, ILogger logger)
    {
        _dataSource = dataSource;
        _sql = sql;
        _writer = writer;
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
            // Pages keep a slow consumer from holding a pooled connection for the whole replay.
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
        await using var command = _dataSource.CreateCommand(_sql.SelectHighest);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
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
        var sql = _sql.SelectIdsFirstPage;
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
            sql = _sql.SelectIdsNextPage;
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
        await using var command = _dataSource.CreateCommand(_sql.SelectLatestSnapshot);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxSequenceNr });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SnapshotEntry(
            persistenceId,
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetString(2),
            reader.GetString(3));
    }

    /// <inheritdoc />
    public ValueTask DeleteToAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return new ValueTask(_writer.EnqueueAsync(new DeleteSnapshotsOperation(persistenceId, maxSequenceNr), cancellationToken));
    }

    /// <summary>Commits every write already accepted, then closes the writer connection and the connection pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        LogClosed(_logger, _sql.Schema);
    }

    private async Task<List<JournalEvent>> ReadEventsPageAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.SelectEventsPage);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize });
        var page = new List<JournalEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(new JournalEvent(
                reader.GetInt64(0),
                persistenceId,
                reader.GetInt64(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                reader.GetString(4)));
        }

        return page;
    }

    private async Task<List<string>> ReadIdsPageAsync(string sql, string from, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize });
        var page = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(reader.GetString(0));
        }

        return page;
    }
}
