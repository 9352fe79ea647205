using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// What one chat-completions request asks of the session system: the turn's text (the last user message), the
/// session (by key, or a one-off one when <see cref="Key"/> is null), and the config it wants the session to have.
/// </summary>
/// <param name="Key">From <c>X-Session-Key</c>, else <c>user</c>; null for a one-off session.</param>
/// <param name="Text">The last user message.</param>
/// <param name="SystemPrompt">The request's system (and developer) messages joined, or null when it has none.</param>
/// <param name="Model">The requested model, or null when the request names none.</param>
/// <param name="Stream">Answer as <c>chat.completion.chunk</c> events.</param>
/// <param name="IncludeUsage">Send a usage chunk before <c>[DONE]</c> (<c>stream_options.include_usage</c>).</param>
/// <param name="Options">The request's sampling settings and tools, for this turn only.</param>
/// <param name="ToolResults">When the request ends with <c>tool</c> messages: their results are the turn's input (<paramref name="Text"/> is empty).</param>
internal sealed record ChatTurn(
    SessionKey? Key, string Text, string? SystemPrompt, string? Model, bool Stream, bool IncludeUsage, TurnOptions Options, IReadOnlyList<ToolResult>? ToolResults = null)
{
    /// <summary>The config members the request sets; null members leave the session's own.</summary>
    public SessionConfig Wanted => new() { Model = Model, SystemPrompt = SystemPrompt };
}
