using System.Globalization;

namespace JidoSessions.Actors.Llm;

// The local model's "intelligence": a fixed list of intents answered only from the given conversation (history,
// files, system prompt). Order matters: questions are checked before statements, because "what did I ask you to
// remember" also says "remember".
internal static class LocalReplyComposer
{
    public const string ModelId = "jido-local-1";

    public static string Compose(LocalConversation conversation)
    {
        var current = conversation.Current;
        if (current.Length == 0)
        {
            return "I did not receive a message to answer.";
        }

        var asked = LocalText.Normalize(current);
        var earlier = conversation.EarlierUserMessages;
        if (LocalText.ContainsAny(asked, "what did i ask you to remember", "what did i tell you to remember",
                "what should you remember", "what did i ask you to note"))
        {
            var note = earlier.Select(LocalText.NoteIn).LastOrDefault(n => n is not null);
            return note is null
                ? "You have not asked me to remember anything yet."
                : $"You asked me to remember: \"{note}\".";
        }

        if (LocalText.ContainsAny(asked, "what did i say first", "what did i first say", "what was my first message",
                "what was the first thing i said"))
        {
            return earlier.Count == 0
                ? "This is your first message, so there is nothing earlier to quote."
                : $"Your first message was: \"{earlier[0]}\".";
        }

        if (LocalText.ContainsAny(asked, "what did i just say", "what did i say last", "what was my last message",
                "what was my previous message"))
        {
            return earlier.Count == 0
                ? "You have not said anything before this message."
                : $"Your last message was: \"{earlier[^1]}\".";
        }

        if (LocalText.ContainsAny(asked, "what is my name", "whats my name", "do you know my name",
                "do you remember my name", "who am i"))
        {
            var name = earlier.Select(LocalText.NameIn).LastOrDefault(n => n is not null);
            return name is null ? "I do not know your name yet." : $"Your name is {name}.";
        }

        if (LocalText.ContainsAny(asked, "how many messages"))
        {
            var count = earlier.Count + 1;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"You have sent {count} {(count == 1 ? "message" : "messages")} so far, including this one.");
        }

        if (LocalFileAnswers.For(asked, current, conversation.Files) is { } aboutFiles)
        {
            return aboutFiles;
        }

        if (LocalText.ContainsAny(asked, "who are you", "what are you", "are you a real", "are you an ai", "are you real",
                "what model are you", "which model are you"))
        {
            var identity = $"I am {ModelId}, JidoSessions' local scripted model for development and tests, not a real LLM: "
                + "I answer only from this session's messages, files and system prompt.";
            return conversation.SystemPrompt is { } prompt
                ? $"{identity} My configured persona: \"{LocalText.FirstSentence(prompt)}\""
                : identity;
        }

        if (LocalText.ContainsAny(asked, "system prompt", "your instructions", "your persona"))
        {
            return conversation.SystemPrompt is { } prompt
                ? $"My configured system prompt begins: \"{LocalText.FirstSentence(prompt)}\""
                : "This session has no system prompt configured.";
        }

        if (LocalText.NameIn(current) is { } statedName)
        {
            return $"Nice to meet you, {statedName}. I will remember your name.";
        }

        if (LocalText.NoteIn(current) is { } newNote)
        {
            return $"Noted. I will remember: \"{newNote}\".";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"You said: \"{current}\". This conversation has {earlier.Count} earlier {(earlier.Count == 1 ? "message" : "messages")}.");
    }
}
