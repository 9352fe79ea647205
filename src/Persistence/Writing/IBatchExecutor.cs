namespace JidoSessions.Persistence.Writing;

/// <summary>Applies a batch of write requests to a database in one transaction (the store-specific half of group commit).</summary>
internal interface IBatchExecutor : IAsyncDisposable
{
    /// <summary>
    /// Applies every request of <paramref name="batch"/> in order inside one transaction and commits it.
    /// A request that fails on its own is rolled back alone and gets <see cref="WriteRequest.Failure"/>; the others
    /// still commit. Throwing means the transaction did not commit (or its outcome is unknown) for the whole batch.
    /// </summary>
    /// <param name="batch">The requests, in arrival order.</param>
    /// <param name="now">The commit timestamp for the events' <c>created</c> column.</param>
    ValueTask ExecuteAsync(IReadOnlyList<WriteRequest> batch, DateTimeOffset now);
}
