namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// The HOCON rule for a key written twice: objects merge recursively, anything else replaces the earlier value.
/// </summary>
internal static class HoconMerger
{
    /// <summary>Sets <paramref name="key"/> in an object being parsed, merging with any earlier value.</summary>
    public static void Set(HoconObject target, string key, HoconValue value)
    {
        if (!target.TryGetField(key, out var existing))
        {
            target.SetField(key, value);
            return;
        }

        switch (value)
        {
            case HoconObject later when existing is HoconObject earlier:
                foreach (var (childKey, childValue) in later.Fields)
                {
                    Set(earlier, childKey, childValue);
                }

                return;
            case HoconObject later when existing is HoconDelayedMerge delayed:
                delayed.Add(later);
                return;
            case HoconObject later when existing is HoconUnresolvedValue unresolved:
                // Whether the object merges with the earlier value depends on what that value resolves to.
                var merge = new HoconDelayedMerge(unresolved.Position, unresolved) { Previous = unresolved };
                merge.Add(later);
                target.SetField(key, merge);
                return;
            case HoconUnresolvedValue unresolved:
                // Kept so that a self-reference (path = ${path}":/bin") can see what it overrides.
                unresolved.Previous = existing;
                target.SetField(key, value);
                return;
            default:
                target.SetField(key, value);
                return;
        }
    }

    /// <summary>Merges two resolved values without changing either: objects merge, otherwise the later one wins.</summary>
    public static HoconValue MergeResolved(HoconValue earlier, HoconValue later)
    {
        if (earlier is not HoconObject earlierObject || later is not HoconObject laterObject)
        {
            return later;
        }

        var merged = new HoconObject(earlierObject.Position);
        foreach (var (key, value) in earlierObject.Fields)
        {
            merged.SetField(key, value);
        }

        foreach (var (key, value) in laterObject.Fields)
        {
            merged.SetField(key, merged.TryGetField(key, out var previous) ? MergeResolved(previous, value) : value);
        }

        return merged;
    }
}
