namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>A node of a HOCON tree; every node remembers where its text starts.</summary>
internal abstract class HoconValue(HoconPosition position)
{
    public HoconPosition Position { get; } = position;
}
