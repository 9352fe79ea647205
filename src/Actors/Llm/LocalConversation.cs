using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

// The parts of a conversation the local model answers from: the message being answered, the user messages before
// it, the configured system prompt and the session's files. Built only from the messages passed in, so nothing
// leaks between sessions. Files are system messages too ("File: <path>\n…"); the system prompt is the first system
// message that is not a file, so a session without a prompt never takes a file for its persona.
internal sealed class LocalConversation
{
    private LocalConversation(string current, IReadOnlyList<string> earlierUserMessages, string? systemPrompt, IReadOnlyList<LocalFile> files)
    {
        Current = current;
        EarlierUserMessages = earlierUserMessages;
        SystemPrompt = systemPrompt;
        Files = files;
    }

    public string Current { get; }

    public IReadOnlyList<string> EarlierUserMessages { get; }

    public string? SystemPrompt { get; }

    // In context order: the reducer puts the newest-added file first.
    public IReadOnlyList<LocalFile> Files { get; }

    public static LocalConversation From(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var currentIndex = list.FindLastIndex(m => m.Role == ChatRole.User);
        var earlier = list
            .Take(Math.Max(currentIndex, 0))
            .Where(m => m.Role == ChatRole.User)
            .Select(m => m.Text.Trim())
            .ToList();
        var system = list.Where(m => m.Role == ChatRole.System).Select(m => m.Text).ToList();
        var files = system.Select(LocalFile.From).OfType<LocalFile>().ToList();
        var systemPrompt = system.FirstOrDefault(text => LocalFile.From(text) is null)?.Trim();
        var current = currentIndex < 0 ? string.Empty : list[currentIndex].Text.Trim();
        return new LocalConversation(current, earlier, string.IsNullOrEmpty(systemPrompt) ? null : systemPrompt, files);
    }
}
