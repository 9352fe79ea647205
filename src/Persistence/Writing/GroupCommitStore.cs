using System.Runtime.CompilerServices;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;

namespace JidoSessions.Persistence.Writing;

/// <summary>
/// The half that the SQL stores share: every write goes through one <see cref="GroupCommitWriter"/>, reads come in
/// pages, and disposing commits what was accepted before closing the read side. Only the built-in stores derive from
/// it; each supplies the queries and connection handling of its database.
/// </summary>
public abstract partial class GroupCommitStore : IJournal, ISnapshotStore
{
    private protected const int PageSize = 1000;

    private readonly GroupCommitWriter _writer;
    private int _disposed;

    private protected GroupCommitStore(GroupCommitWriter writer)
    {
        _writer = writer;
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
            // Pages keep a slow consumer from holding a pooled read connection for the whole replay (on SQLite that
            // connection would also pin the WAL).
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
        return await QueryHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
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
        var firstPage = true;
        while (true)
        {
            var page = await ReadIdsPageAsync(from, firstPage, cancellationToken).ConfigureAwait(false);
            foreach (var id in page)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Both stores order ids bytewise, so the ids sharing the prefix are contiguous: the first one past it ends the list.
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
            firstPage = false;
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
        return await QueryLatestSnapshotAsync(persistenceId, maxSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DeleteToAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return new ValueTask(_writer.EnqueueAsync(new DeleteSnapshotsOperation(persistenceId, maxSequenceNr), cancellationToken));
    }

    /// <summary>Queues <paramref name="operation"/> for the next group commit; completes when it is durable.</summary>
    private protected Task EnqueueAsync(WriteOperation operation, CancellationToken cancellationToken) =>
        _writer.EnqueueAsync(operation, cancellationToken);

    /// <summary>
    /// Commits every write already accepted, then closes the writer and the read side (the SQLite store's read
    /// connections, the PostgreSQL store's connection pool).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Writer first: what it already accepted must commit, and the PostgreSQL writer's connection is one of the
        // pool's that closing the read side disposes.
        await _writer.DisposeAsync().ConfigureAwait(false);
        await CloseReadSideAsync().ConfigureAwait(false);
        LogClosed();
    }

    /// <summary>
    /// Up to <see cref="PageSize"/> events of <paramref name="persistenceId"/> not deleted, with sequence numbers in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], ascending.
    /// </summary>
    private protected abstract Task<List<JournalEvent>> ReadEventsPageAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <see cref="PageSize"/> distinct persistence ids in bytewise order, starting at <paramref name="from"/> on
    /// the first page and after it on every later one (<paramref name="from"/> is then the last id already read).
    /// </summary>
    private protected abstract Task<List<string>> ReadIdsPageAsync(string from, bool firstPage, CancellationToken cancellationToken);

    /// <summary>The highest stored sequence nr of <paramref name="persistenceId"/>, deleted events included, or 0.</summary>
    private protected abstract ValueTask<long> QueryHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken);

    /// <summary>The snapshot with the highest sequence nr not above <paramref name="maxSequenceNr"/>, or null.</summary>
    private protected abstract ValueTask<SnapshotEntry?> QueryLatestSnapshotAsync(
        string persistenceId, long maxSequenceNr, CancellationToken cancellationToken);

    /// <summary>Closes the read connections; called once, after the writer has committed and closed.</summary>
    private protected abstract ValueTask CloseReadSideAsync();

    /// <summary>Logs that the store is closed, naming it as the store's own log messages do.</summary>
    private protected abstract void LogClosed();
}
