using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Context;

/// <summary>
/// The default policy. The system prompt and the user message are always included, even when they
/// alone exceed the budget. What is left goes to files, newest-added first (a file that does not fit is
/// skipped, a smaller older one may still fit), then to history from the newest message backwards,
/// stopping at the first that does not fit so the kept history is a contiguous, most recent stretch.
/// Output order: system prompt, files (as system messages, so they are never mistaken for what the user
/// said), history in chronological order, user message. The system prompt, history and user message are counted
/// with the reducer's <see cref="TokenEstimator"/>; files arrive with their tokens already counted.
/// </summary>
internal sealed class TruncatingReducer : IContextReducer
{
    /// <summary>The shared instance, counting with <see cref="TokenEstimator.Default"/> (o200k_base).</summary>
    public static readonly TruncatingReducer Instance = new(TokenEstimator.Default);

    private readonly TokenEstimator _tokens;

    /// <summary>Creates a reducer that counts with <paramref name="tokens"/>.</summary>
    public TruncatingReducer(TokenEstimator tokens) => _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));

    /// <inheritdoc />
    public BuiltContext Reduce(ContextInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var hasSystem = !string.IsNullOrEmpty(input.SystemPrompt);
        var current = input.ToolResults is { } results
            ? new HistoryEntry(0, MessageRole.Tool, "", default, ToolResults: results)
            : new HistoryEntry(0, MessageRole.User, input.UserMessage, default);
        var used = (hasSystem ? _tokens.CountMessage(input.SystemPrompt) : 0) + _tokens.CountMessage(ToolMessages.CountedText(current));

        var files = new List<ContextFile>();
        foreach (var file in input.FilesNewestFirst)
        {
            if (used + file.Tokens <= input.TokenBudget)
            {
                files.Add(file);
                used += file.Tokens;
            }
        }

        var keptFrom = input.History.Count;
        while (keptFrom > 0)
        {
            var cost = _tokens.CountMessage(ToolMessages.CountedText(input.History[keptFrom - 1]));
            if (used + cost > input.TokenBudget)
            {
                break;
            }

            used += cost;
            keptFrom--;
        }

        // Tool results answer the assistant message before them: never start the kept stretch with orphaned results.
        while (keptFrom < input.History.Count && input.History[keptFrom].Role == MessageRole.Tool)
        {
            used -= _tokens.CountMessage(ToolMessages.CountedText(input.History[keptFrom]));
            keptFrom++;
        }

        var messages = new List<ChatMessage>(files.Count + input.History.Count - keptFrom + 2);
        if (hasSystem)
        {
            messages.Add(new ChatMessage(ChatRole.System, input.SystemPrompt));
        }

        messages.AddRange(files.Select(f => new ChatMessage(ChatRole.System, f.Text)));
        for (var i = keptFrom; i < input.History.Count; i++)
        {
            messages.Add(ToolMessages.ToChatMessage(input.History[i]));
        }

        messages.Add(ToolMessages.ToChatMessage(current));
        return new BuiltContext(messages, used);
    }
}
