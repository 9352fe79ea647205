namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Objects written after an unresolved value for the same key: whether they merge with it or replace it is only
/// known once it is resolved (an object merges, anything else is replaced).
/// </summary>
internal sealed class HoconDelayedMerge(HoconPosition position, HoconValue first) : HoconUnresolvedValue(position)
{
    private readonly List<HoconValue> _layers = [first];

    /// <summary>The values from earliest to latest.</summary>
    public IReadOnlyList<HoconValue> Layers => _layers;

    public void Add(HoconObject later) => _layers.Add(later);
}
