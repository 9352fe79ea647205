namespace JidoSessions.Host.Http.Sessions;

/// <summary>
/// Whether text is provably in Unicode normalization form C, without normalizing: the host runs with invariant
/// globalization, where <see cref="string.Normalize()"/> and <see cref="string.IsNormalized()"/> do nothing. Text
/// passes when no code point has NFC_Quick_Check No or Maybe and no two combining marks (non-starters) follow each
/// other; the NFC quick check then answers YES. Some NFC text is refused too (a mark that could compose, such as
/// U+0301 after a letter without a precomposed form, or two stacked marks), never the other way round.
/// </summary>
internal static partial class NfcQuickCheck
{
    // No code point below U+0300 is a non-starter or anything but NFC_QC=Yes.
    private const int FirstCandidate = 0x0300;

    public static bool IsProvablyNfc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var previousNonStarter = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < FirstCandidate)
            {
                previousNonStarter = false;
                continue;
            }

            if (In(NotNfcStable, rune.Value))
            {
                return false;
            }

            var nonStarter = In(NonStarters, rune.Value);
            if (nonStarter && previousNonStarter)
            {
                return false;
            }

            previousNonStarter = nonStarter;
        }

        return true;
    }

    /// <summary>Binary search of inclusive (start, end) pairs.</summary>
    private static bool In(ReadOnlySpan<int> ranges, int codePoint)
    {
        int lo = 0, hi = (ranges.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (codePoint < ranges[2 * mid])
            {
                hi = mid - 1;
            }
            else if (codePoint > ranges[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
