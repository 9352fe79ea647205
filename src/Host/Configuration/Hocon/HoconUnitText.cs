using System.Globalization;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Splits the spec's "units format": optional whitespace, a number, optional whitespace, an optional unit made
/// only of letters, optional whitespace.
/// </summary>
internal static class HoconUnitText
{
    public static bool TrySplit(string? text, bool allowNegative, out decimal number, out string unit)
    {
        number = 0;
        unit = "";
        var trimmed = text?.Trim() ?? "";
        var end = allowNegative && trimmed.StartsWith('-') ? 1 : 0;
        var digitsStart = end;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        if (end == digitsStart || !char.IsAsciiDigit(trimmed[digitsStart]) || !char.IsAsciiDigit(trimmed[end - 1])
            || !decimal.TryParse(trimmed.AsSpan(0, end), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        unit = trimmed[end..].TrimStart();
        return unit.All(char.IsLetter);
    }

    /// <summary>Multiplies and truncates toward zero, failing instead of overflowing a long.</summary>
    public static bool TryScale(decimal number, decimal factor, out long result)
    {
        result = 0;
        const decimal Max = long.MaxValue;
        if (Math.Abs(number) > Max / factor)
        {
            return false;
        }

        result = (long)decimal.Truncate(number * factor);
        return true;
    }
}
