namespace JidoSessions.Persistence.Writing;

/// <summary>
/// The highest committed sequence nr per persistence id, as this store's writer last saw it. Only the writer loop
/// touches it, so it needs no locking.
/// </summary>
/// <remarks>
/// Every entry is a lower bound of the truth: a delete keeps the highest sequence nr it removed (see the stores' metadata), and an entry is
/// only raised after the commit that wrote it, or set from a value read from the database. Another process may have
/// appended more since, so the cache can prove a conflict (sequence nr at or below the entry) and allow an optimistic
/// insert at entry + 1 (the unique constraint still decides), but never prove a gap.
/// </remarks>
internal sealed class HighestSequenceNrCache(int capacity = 100_000)
{
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);

    public bool TryGet(string persistenceId, out long highest) => _highest.TryGetValue(persistenceId, out highest);

    /// <summary>Records that <paramref name="highest"/> is committed (or was read from the database).</summary>
    public void Raise(string persistenceId, long highest)
    {
        if (_highest.TryGetValue(persistenceId, out var known))
        {
            _highest[persistenceId] = Math.Max(known, highest);
            return;
        }

        // Dropping everything is crude but safe: a missing entry only costs one lookup for that id.
        if (_highest.Count >= capacity)
        {
            _highest.Clear();
        }

        _highest[persistenceId] = highest;
    }

    /// <summary>Forgets an id whose entry proved stale (another writer got ahead), so the next append asks the database.</summary>
    public void Forget(string persistenceId) => _highest.Remove(persistenceId);
}
