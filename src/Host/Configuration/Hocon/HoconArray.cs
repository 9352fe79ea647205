namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>An array of values.</summary>
internal sealed class HoconArray(HoconPosition position, IReadOnlyList<HoconValue> items) : HoconValue(position)
{
    public IReadOnlyList<HoconValue> Items { get; } = items;
}
