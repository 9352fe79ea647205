namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// A value whose content is only known after substitution: it may refer to the value it overrides
/// (a self-reference such as <c>path = ${path}":/bin"</c>), so it keeps that earlier value.
/// </summary>
internal abstract class HoconUnresolvedValue(HoconPosition position) : HoconValue(position)
{
    /// <summary>The value this one overrode in the same object, if any; self-references resolve against it.</summary>
    public HoconValue? Previous { get; set; }
}
