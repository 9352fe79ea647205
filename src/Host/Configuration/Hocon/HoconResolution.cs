namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// What evaluating a node gave: a resolved value, nothing (an undefined optional substitution or a missing
/// path), or nothing because the node is already being evaluated further up (a cycle).
/// </summary>
internal readonly record struct HoconResolution(HoconValue? Value, bool IsCycle)
{
    public static HoconResolution Undefined => default;

    public static HoconResolution Cycle => new(null, IsCycle: true);

    public static HoconResolution Of(HoconValue? value) => new(value, IsCycle: false);
}
