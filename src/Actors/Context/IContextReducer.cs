using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

/// <summary>Chooses what of a session's context goes to the model for one turn, within a token budget.</summary>
internal interface IContextReducer
{
    /// <summary>The messages for the model; must start with the system prompt (when set) and end with the user message.</summary>
    BuiltContext Reduce(ContextInput input);
}

/// <summary>Everything a reducer may choose from.</summary>
/// <param name="SystemPrompt">From the session config; never dropped.</param>
/// <param name="FilesNewestFirst">Active files, most recently added first, already rendered.</param>
/// <param name="History">Messages, oldest first.</param>
/// <param name="UserMessage">This turn's message; always last.</param>
/// <param name="TokenBudget">Estimated tokens allowed (see <see cref="TokenEstimator"/>).</param>
/// <param name="ToolResults">When set, this turn's input instead of <paramref name="UserMessage"/>: one Tool message, last.</param>
internal sealed record ContextInput(
    string? SystemPrompt,
    IReadOnlyList<ContextFile> FilesNewestFirst,
    IReadOnlyList<HistoryEntry> History,
    string UserMessage,
    int TokenBudget,
    IReadOnlyList<ToolResult>? ToolResults = null);

/// <summary>A file rendered as one message text ("File: path" header, then the content) and its estimated tokens.</summary>
internal sealed record ContextFile(string Path, string Text, int Tokens);
