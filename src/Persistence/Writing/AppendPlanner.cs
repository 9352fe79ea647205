namespace JidoSessions.Persistence.Writing;

/// <summary>
/// Decides, for the appends of one batch in order, which may be written, which certainly fail, and which need the
/// highest sequence nr from the database first. Knowledge comes from the <see cref="HighestSequenceNrCache"/> (a lower
/// bound), from database reads (<see cref="Seed"/>, exact) and from the batch's own earlier appends (exact once the
/// batch commits, and the batch's outcome is only reported if it does).
/// </summary>
internal sealed class AppendPlanner(HighestSequenceNrCache cache)
{
    private readonly Dictionary<string, Knowledge> _batch = new(StringComparer.Ordinal);

    public HighestSequenceNrCache Cache => cache;

    /// <summary>Starts a new batch (or a new attempt at the same batch).</summary>
    public void Reset() => _batch.Clear();

    /// <summary>Records the highest sequence nr just read from the database.</summary>
    public void Seed(string persistenceId, long highest) => _batch[persistenceId] = new(highest, Exact: true);

    /// <summary>
    /// <see cref="AppendVerdict.Proceed"/> (and assumes the append is written), <see cref="AppendVerdict.Unknown"/>
    /// (call <see cref="Seed"/> and ask again) or <see cref="AppendVerdict.Rejected"/> with the caller's error.
    /// </summary>
    public AppendVerdict Evaluate(AppendOperation append, out Exception? error)
    {
        error = null;
        if (!_batch.TryGetValue(append.PersistenceId, out var known))
        {
            if (!cache.TryGet(append.PersistenceId, out var cached))
            {
                return AppendVerdict.Unknown;
            }

            known = new Knowledge(cached, Exact: false);
        }

        if (append.FirstSequenceNr == known.Highest + 1)
        {
            _batch[append.PersistenceId] = new Knowledge(append.LastSequenceNr, Exact: true);
            return AppendVerdict.Proceed;
        }

        if (append.FirstSequenceNr > known.Highest + 1 && !known.Exact)
        {
            return AppendVerdict.Unknown;
        }

        error = AppendRules.CheckContinuation(append.PersistenceId, known.Highest, append.FirstSequenceNr);
        return AppendVerdict.Rejected;
    }

    /// <summary>The database contradicted what the planner assumed for this id: ask it again next time.</summary>
    public void Invalidate(string persistenceId)
    {
        _batch.Remove(persistenceId);
        cache.Forget(persistenceId);
    }

    /// <summary>The batch committed: everything the planner knows is now a committed lower bound.</summary>
    public void Committed()
    {
        foreach (var (persistenceId, knowledge) in _batch)
        {
            cache.Raise(persistenceId, knowledge.Highest);
        }

        _batch.Clear();
    }

    private readonly record struct Knowledge(long Highest, bool Exact);
}
