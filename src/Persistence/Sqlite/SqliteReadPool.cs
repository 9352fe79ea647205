using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>
/// A bounded pool of read connections. In WAL mode readers never wait for the writer, so reads run in parallel with
/// group commits; the bound keeps file handles and page caches in check. Each connection keeps its statements
/// prepared (<see cref="Lease.Command"/>): Microsoft.Data.Sqlite caches a prepared statement only on the command
/// object that ran it (dotnet/efcore#14044), so a new command per read parsed and planned the same SQL every time.
/// </summary>
internal sealed class SqliteReadPool(string connectionString, SqliteStoreOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxReadConnections, options.MaxReadConnections);
    private readonly Stack<ReadConnection> _idle = new();
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
            return new Lease(this, new ReadConnection(opened));
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

    private void Return(ReadConnection connection)
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
    internal readonly struct Lease : IDisposable
    {
        private readonly SqliteReadPool _pool;
        private readonly ReadConnection _connection;

        internal Lease(SqliteReadPool pool, ReadConnection connection)
        {
            _pool = pool;
            _connection = connection;
        }

        /// <summary>
        /// The connection's prepared command for <paramref name="sql"/> (created and prepared on first use), with one
        /// parameter per name in that order: set <c>Parameters[i].Value</c>, run it, dispose its reader before the lease.
        /// </summary>
        public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames) => _connection.Command(sql, parameterNames);

        public void Dispose() => _pool.Return(_connection);
    }

    /// <summary>A read connection and the statements it has prepared, keyed by their SQL text.</summary>
    internal sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        // Keyed by text: the store's read statements are constants (the listing's status filter makes two variants of
        // each of its two), so the cache stays a handful of statements per connection.
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql, ReadOnlySpan<string> parameterNames)
        {
            if (_commands.TryGetValue(sql, out var cached))
            {
                return cached;
            }

            var command = SqliteCommands.Create(connection, sql, parameterNames);
            command.Prepare();
            _commands[sql] = command;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            connection.Dispose();
        }
    }
}
