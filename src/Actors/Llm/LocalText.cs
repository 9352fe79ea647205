using System.Text;
using System.Text.RegularExpressions;

namespace JidoSessions.Actors.Llm;

// Text helpers of the local model: punctuation-tolerant matching, fact extraction and word tokens.
internal static partial class LocalText
{
    // Lower-cases and keeps only letters, digits and single spaces, so "What did I say FIRST?!" and
    // "what did i say first" compare equal. Apostrophes vanish: "what's" becomes "whats".
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else if (c is not '\'' and not '\u2019')
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    public static bool ContainsAny(string normalized, params ReadOnlySpan<string> phrases)
    {
        var padded = " " + normalized + " ";
        foreach (var phrase in phrases)
        {
            if (padded.Contains(" " + phrase + " ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string? NameIn(string message) => CleanFact(NamePattern().Match(message));

    public static string? NoteIn(string message) => CleanFact(NotePattern().Match(message));

    public static string FirstSentence(string text)
    {
        var match = FirstSentencePattern().Match(text);
        return match.Success ? match.Value.Trim() : text.Trim();
    }

    // Words with their trailing whitespace, so concatenating the tokens gives back the text exactly.
    public static IReadOnlyList<string> Tokens(string text) =>
        [.. TokenPattern().Matches(text).Select(m => m.Value)];

    public static int CountWords(string text) => TokenPattern().Count(text);

    private static string? CleanFact(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        var fact = match.Groups["fact"].Value.Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim();
        return fact.Length == 0 ? null : fact;
    }

    // The name ends at punctuation or at " and ", so "my name is Ada and I like tea" yields "Ada".
    [GeneratedRegex(@"\bmy\s+name\s+is\s+(?<fact>[^.,!?;\r\n]+?)(?=\s+and\s|[.,!?;\r\n]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\W*(?:please\s+)?(?:remember|note)(?:\s+that)?\b[\s:,\-]*(?<fact>.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex NotePattern();

    [GeneratedRegex(@"^.*?[.!?](?=\s|$)", RegexOptions.Singleline)]
    private static partial Regex FirstSentencePattern();

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex TokenPattern();
}
