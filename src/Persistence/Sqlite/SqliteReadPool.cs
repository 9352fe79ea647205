using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>
/// A bounded pool of read connections. In WAL mode readers never wait for the writer, so reads run in parallel with
/// group commits; the bound keeps file handles and page caches in check.
/// </summary>
internal sealed class SqliteReadPool(string connectionString, SqliteStoreOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxReadConnections, options.MaxReadConnections);
    private readonly Stack<SqliteConnection> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Rents a connection; dispose the lease to give it back.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_idle.TryPop(out var idle))
                {
                    return new Lease(this, idle);
                }
            }

            var opened = await SqliteConnections
                .OpenReaderAsync(connectionString, options, cancellationToken).ConfigureAwait(false);
            return new Lease(this, opened);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Return(SqliteConnection connection)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                connection.Dispose();
            }
            else
            {
                _idle.Push(connection);
            }
        }

        _slots.Release();
    }

    /// <summary>A rented connection.</summary>
    internal readonly struct Lease(SqliteReadPool pool, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => pool.Return(Connection);
    }
}
