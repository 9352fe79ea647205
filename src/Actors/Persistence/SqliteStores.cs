using JidoSessions.Persistence.Sqlite;

namespace JidoSessions.Actors.Persistence;

/// <summary>
/// One open <see cref="SqliteStore"/> per database file in this process, shared by the journal and snapshot plugins
/// (so one group-committing writer owns the file) and closed when the last user releases it.
/// </summary>
internal static class SqliteStores
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (Task<SqliteStore> Store, int Users)> Open = new(StringComparer.Ordinal);

    public static Task<SqliteStore> Acquire(string path, bool synchronousFull)
    {
        var full = Path.GetFullPath(path);
        lock (Gate)
        {
            if (Open.TryGetValue(full, out var entry))
            {
                Open[full] = (entry.Store, entry.Users + 1);
                return entry.Store;
            }

            var store = SqliteStore.OpenAsync(new SqliteStoreOptions(full, synchronousFull ? SqliteSynchronous.Full : SqliteSynchronous.Normal));
            Open[full] = (store, 1);
            return store;
        }
    }

    public static async Task ReleaseAsync(string path)
    {
        var full = Path.GetFullPath(path);
        Task<SqliteStore>? closing = null;
        lock (Gate)
        {
            if (Open.TryGetValue(full, out var entry))
            {
                if (entry.Users > 1)
                {
                    Open[full] = (entry.Store, entry.Users - 1);
                }
                else
                {
                    Open.Remove(full);
                    closing = entry.Store;
                }
            }
        }

        if (closing is not null)
        {
            await (await closing.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
