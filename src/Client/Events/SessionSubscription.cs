namespace JidoSessions.Client;

/// <summary>A live event subscription: enumerate it once to read events in order; dispose it to unsubscribe.</summary>
public abstract class SessionSubscription : IAsyncEnumerable<SessionEvent>, IAsyncDisposable
{
    /// <inheritdoc />
    public abstract IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the subscription.</summary>
    protected abstract ValueTask DisposeAsyncCore();
}
