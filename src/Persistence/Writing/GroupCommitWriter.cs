using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Writing;

/// <summary>
/// The single writer of a store: callers enqueue operations on a channel, one background loop drains everything
/// pending (up to a batch limit) and hands it to the <see cref="IBatchExecutor"/> as one transaction (group commit).
/// While a commit waits for the disk, new operations queue up and ride the next commit together, which is what makes
/// many small acknowledged appends fast.
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _channel = Channel.CreateUnbounded<WriteRequest>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly IBatchExecutor _executor;
    private readonly int _maxBatchSize;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _storeName;
    private readonly Task _loop;
    private int _disposed;

    public GroupCommitWriter(IBatchExecutor executor, int maxBatchSize, TimeProvider timeProvider, ILogger logger, string storeName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _executor = executor;
        _maxBatchSize = maxBatchSize;
        _timeProvider = timeProvider;
        _logger = logger;
        _storeName = storeName;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="operation"/>; the task completes after the batch holding it committed.</summary>
    public Task EnqueueAsync(WriteOperation operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var request = new WriteRequest(operation, cancellationToken);
        return _channel.Writer.TryWrite(request)
            ? request.Completion
            : Task.FromException(new ObjectDisposedException(_storeName, "The store is disposed; it accepts no more writes."));
    }

    /// <summary>Stops accepting writes, waits until everything already queued is committed, then closes the executor.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _executor.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<WriteRequest>(_maxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && reader.TryRead(out var request))
            {
                // Past this point the operation is in a transaction, so its token no longer decides anything.
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                    continue;
                }

                batch.Add(request);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<WriteRequest> batch)
    {
        try
        {
            await _executor.ExecuteAsync(batch, _timeProvider.GetUtcNow()).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The loop must survive a failed transaction (disk full, lost connection): report it to exactly the
            // callers whose operations were in it and keep serving the others.
            LogBatchFailed(_logger, exception, _storeName, batch.Count);
            foreach (var request in batch)
            {
                request.Fail(exception);
            }

            return;
        }

        LogBatchCommitted(_logger, _storeName, batch.Count);
        foreach (var request in batch)
        {
            request.Complete();
        }
    }
}
