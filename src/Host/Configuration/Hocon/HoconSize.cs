using System.Collections.Frozen;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Reads HOCON sizes in bytes: a non-negative number followed by an optional unit. A bare number is bytes.
/// Powers of ten: <c>kB MB GB TB PB EB ZB YB</c> (and <c>kilobyte(s)</c>, <c>megabyte(s)</c>, ...).
/// Powers of two: <c>K Ki KiB</c>, <c>M Mi MiB</c>, ... up to <c>Y</c> (and <c>kibibyte(s)</c>, ...); the
/// one-letter forms may be lowercase, so <c>1M</c> and <c>1m</c> are 1 MiB. <c>B b byte bytes</c> are bytes.
/// Units are case-sensitive, exactly as the spec lists them; fractions of a byte are truncated.
/// </summary>
public static class HoconSize
{
    private static readonly FrozenDictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>Parses a size in bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a size or does not fit in a <see cref="long"/>.</exception>
    public static long Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a size in bytes; expected a number and an optional unit, for example 512KiB, 1MiB or 10MB");
    }

    /// <summary>Parses a size in bytes, returning <see langword="false"/> instead of throwing when it is not one.</summary>
    public static bool TryParse(string? value, out long result)
    {
        result = 0;
        return HoconUnitText.TrySplit(value, allowNegative: false, out var number, out var unit)
            && BytesPerUnit.TryGetValue(unit, out var bytesPerUnit)
            && HoconUnitText.TryScale(number, bytesPerUnit, out result);
    }

    private static FrozenDictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in new[] { "", "B", "b", "byte", "bytes" })
        {
            units[name] = 1;
        }

        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string Letters = "KMGTPEZY";
        decimal powerOfTen = 1;
        decimal powerOfTwo = 1;
        for (var i = 0; i < Letters.Length; i++)
        {
            powerOfTen *= 1000;
            powerOfTwo *= 1024;
            var letter = Letters[i].ToString();

            // The spec writes kilo as kB with a lowercase k; every other decimal prefix is uppercase.
            var decimalSymbol = i == 0 ? "kB" : letter + "B";
            foreach (var name in new[] { decimalSymbol, decimalNames[i] + "byte", decimalNames[i] + "bytes" })
            {
                units[name] = powerOfTen;
            }

            foreach (var name in new[] { letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes" })
            {
                units[name] = powerOfTwo;
            }
        }

        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
