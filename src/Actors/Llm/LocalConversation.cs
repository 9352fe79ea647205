using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

// The parts of a conversation the local model answers from: the message being answered, the user messages before
// it and the system prompt. Built only from the messages passed in, so nothing leaks between sessions.
internal sealed class LocalConversation
{
    private LocalConversation(string current, IReadOnlyList<string> earlierUserMessages, string? systemPrompt)
    {
        Current = current;
        EarlierUserMessages = earlierUserMessages;
        SystemPrompt = systemPrompt;
    }

    public string Current { get; }

    public IReadOnlyList<string> EarlierUserMessages { get; }

    public string? SystemPrompt { get; }

    public static LocalConversation From(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var currentIndex = list.FindLastIndex(m => m.Role == ChatRole.User);
        var earlier = list
            .Take(Math.Max(currentIndex, 0))
            .Where(m => m.Role == ChatRole.User)
            .Select(m => m.Text.Trim())
            .ToList();
        var systemPrompt = list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text.Trim();
        var current = currentIndex < 0 ? string.Empty : list[currentIndex].Text.Trim();
        return new LocalConversation(current, earlier, string.IsNullOrEmpty(systemPrompt) ? null : systemPrompt);
    }
}
