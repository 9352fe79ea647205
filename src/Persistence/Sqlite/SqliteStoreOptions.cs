namespace JidoSessions.Persistence.Sqlite;

/// <summary>Settings of a <see cref="SqliteStore"/>.</summary>
/// <param name="Path">The database file; created with its directory's permissions if missing.</param>
/// <param name="Synchronous">Durability of each commit; <see cref="SqliteSynchronous.Full"/> makes every acknowledged write survive a power loss.</param>
/// <param name="MaxBatchSize">The most operations the writer commits in one transaction.</param>
/// <param name="MaxReadConnections">The most read connections open at once; reads beyond that wait for a free one.</param>
/// <param name="BusyTimeoutMilliseconds">How long a connection waits for a lock another process holds before failing.</param>
/// <param name="WalAutoCheckpointPages">
/// WAL size (in pages of 4 KiB) at which a commit copies the WAL back into the database file. Larger means fewer,
/// cheaper checkpoints (a page rewritten by many commits is copied once) at the cost of a larger WAL file; the
/// default of 10,000 (about 40 MiB) roughly doubles sustained append throughput over SQLite's 1,000.
/// </param>
public sealed record SqliteStoreOptions(
    string Path,
    SqliteSynchronous Synchronous = SqliteSynchronous.Full,
    int MaxBatchSize = 1000,
    int MaxReadConnections = 4,
    int BusyTimeoutMilliseconds = 5000,
    int WalAutoCheckpointPages = 10_000)
{
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Path);
        if (!Enum.IsDefined(Synchronous))
        {
            throw new ArgumentOutOfRangeException(nameof(Synchronous), Synchronous, "Unknown synchronous mode.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReadConnections, 1, nameof(MaxReadConnections));
        ArgumentOutOfRangeException.ThrowIfNegative(BusyTimeoutMilliseconds, nameof(BusyTimeoutMilliseconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(WalAutoCheckpointPages, 1, nameof(WalAutoCheckpointPages));
    }
}
