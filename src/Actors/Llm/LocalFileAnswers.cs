using System.Globalization;
using System.Text.RegularExpressions;

namespace JidoSessions.Actors.Llm;

// The local model's answers about the session's files: which files there are, and what one of them says (quoted
// when short, otherwise its size and opening). Only files present in the given context are ever named or quoted.
internal static partial class LocalFileAnswers
{
    private const int QuoteLimit = 400;

    // Returns null when the message is not about files, so the other intents get their turn.
    public static string? For(string asked, string current, IReadOnlyList<LocalFile> files)
    {
        if (LocalText.ContainsAny(asked, "what files", "which files", "list files", "list the files", "list your files",
                "files do you have", "how many files", "what documents", "which documents"))
        {
            return files.Count == 0
                ? "This session has no files."
                : string.Create(CultureInfo.InvariantCulture,
                    $"This session has {files.Count} {(files.Count == 1 ? "file" : "files")}: {string.Join(", ", files.Select(f => f.Path))}.");
        }

        if (!AsksAboutContent(asked))
        {
            return null;
        }

        // The longest matching path wins, so "docs/notes.md" is not answered with "notes.md".
        var file = files
            .Where(f => Mentions(asked, f))
            .OrderByDescending(f => f.Path.Length)
            .FirstOrDefault();
        if (file is not null)
        {
            return Describe(file);
        }

        if (FileNamePattern().Match(current) is not { Success: true } named)
        {
            return null;
        }

        return files.Count == 0
            ? $"This session has no file named \"{named.Value}\"; it has no files at all."
            : $"This session has no file named \"{named.Value}\". Its files: {string.Join(", ", files.Select(f => f.Path))}.";
    }

    private static bool AsksAboutContent(string asked) =>
        LocalText.ContainsAny(asked, "what does", "what do", "what is in", "whats in", "what is inside", "say", "says",
            "summarize", "summarise", "summary", "read", "show", "quote", "content", "contents", "tell me about", "in the file");

    private static bool Mentions(string asked, LocalFile file) =>
        LocalText.ContainsAny(asked, LocalText.Normalize(file.Path), LocalText.Normalize(file.Name));

    private static string Describe(LocalFile file)
    {
        var text = WhiteSpace().Replace(file.Content, " ").Trim();
        if (text.Length == 0)
        {
            return $"{file.Path} is empty.";
        }

        if (text.Length <= QuoteLimit)
        {
            return $"{file.Path} says: \"{text}\"";
        }

        var cut = text.LastIndexOf(' ', QuoteLimit);
        var opening = text[..(cut > QuoteLimit / 2 ? cut : QuoteLimit)];
        var lines = file.Content.Split('\n').Length;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{file.Path} has {lines} {(lines == 1 ? "line" : "lines")} ({file.Content.Length} characters). It begins: \"{opening}…\"");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // A word that looks like a file name: letters, digits, '-', '_', '/', with an extension ("notes.md", "src/a.cs").
    [GeneratedRegex(@"(?<![\w./-])[\w-]+(?:[./][\w-]+)*\.[A-Za-z][A-Za-z0-9]{0,9}\b", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
