using System.Text;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Values written next to each other on one line that involve a substitution, an object or an array; they are
/// joined into a string, merged into an object or appended into an array once substitutions are resolved.
/// </summary>
/// <param name="position">Where the first part starts.</param>
/// <param name="parts">The parts in order.</param>
/// <param name="gaps">The whitespace written before each part (the first entry is always empty).</param>
internal sealed class HoconConcatenation(
    HoconPosition position,
    IReadOnlyList<HoconValue> parts,
    IReadOnlyList<string> gaps) : HoconUnresolvedValue(position)
{
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    public IReadOnlyList<string> Gaps { get; } = gaps;

    /// <summary>
    /// The value for parts written on one line: a lone part keeps its type, simple literals fold into a string
    /// now, and anything involving substitutions, objects or arrays waits for resolution.
    /// </summary>
    public static HoconValue Create(IReadOnlyList<HoconValue> parts, IReadOnlyList<string> gaps)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        if (!parts.All(part => part is HoconScalar))
        {
            return new HoconConcatenation(parts[0].Position, parts, gaps);
        }

        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            text.Append(gaps[i]).Append(((HoconScalar)parts[i]).ConcatenationText);
        }

        return HoconScalar.String(text.ToString(), parts[0].Position);
    }
}
