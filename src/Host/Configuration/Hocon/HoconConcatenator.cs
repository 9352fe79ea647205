using System.Text;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Joins the resolved parts of a <see cref="HoconConcatenation"/>: strings join with the whitespace written
/// between them, objects merge, arrays append. Mixing objects or arrays with anything else is an error.
/// </summary>
internal static class HoconConcatenator
{
    /// <summary>A resolved part; <see cref="Value"/> is null for an undefined optional substitution.</summary>
    public readonly record struct Part(HoconValue? Value, bool FromSubstitution);

    /// <returns>The joined value, or <see langword="null"/> when every part was undefined.</returns>
    public static HoconValue? Join(HoconConcatenation concatenation, IReadOnlyList<Part> parts)
    {
        if (parts.All(part => part.Value is null))
        {
            return null;
        }

        var hasObject = parts.Any(part => part.Value is HoconObject);
        var hasArray = parts.Any(part => part.Value is HoconArray);
        if (hasObject && hasArray)
        {
            throw new HoconParseException(concatenation.Position, "cannot concatenate an object with an array");
        }

        return hasObject ? JoinObjects(concatenation, parts)
            : hasArray ? JoinArrays(concatenation, parts)
            : JoinStrings(concatenation, parts);
    }

    private static HoconValue JoinObjects(HoconConcatenation concatenation, IReadOnlyList<Part> parts)
    {
        HoconValue? merged = null;
        foreach (var value in Structured<HoconObject>(concatenation, parts, "an object"))
        {
            merged = merged is null ? value : HoconMerger.MergeResolved(merged, value);
        }

        return merged!;
    }

    private static HoconArray JoinArrays(HoconConcatenation concatenation, IReadOnlyList<Part> parts)
    {
        var items = Structured<HoconArray>(concatenation, parts, "an array").SelectMany(array => array.Items).ToList();
        return new HoconArray(concatenation.Position, items);
    }

    // Undefined parts and substitutions that resolved to null stand for an empty object or array.
    private static IEnumerable<T> Structured<T>(HoconConcatenation concatenation, IReadOnlyList<Part> parts, string kind)
        where T : HoconValue
    {
        foreach (var part in parts)
        {
            switch (part.Value)
            {
                case null:
                case HoconScalar { Kind: HoconScalarKind.Null } when part.FromSubstitution:
                    continue;
                case T value:
                    yield return value;
                    break;
                case HoconScalar scalar:
                    throw new HoconParseException(scalar.Position, $"cannot concatenate {kind} with '{scalar.ConcatenationText}'");
                default:
                    throw new HoconParseException(concatenation.Position, $"cannot concatenate {kind} with a value of another kind");
            }
        }
    }

    private static HoconScalar JoinStrings(HoconConcatenation concatenation, IReadOnlyList<Part> parts)
    {
        var text = new StringBuilder();
        var started = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Value is not HoconScalar scalar)
            {
                continue;
            }

            // The gap before an undefined part is dropped so that "a ${?x} b" reads "a b", not "a  b".
            if (started)
            {
                text.Append(concatenation.Gaps[i]);
            }

            // The spec turns a substitution that resolved to null into "", but a literal null into "null".
            text.Append(scalar.Kind == HoconScalarKind.Null && parts[i].FromSubstitution ? "" : scalar.ConcatenationText);
            started = true;
        }

        return HoconScalar.String(text.ToString(), concatenation.Position);
    }
}
