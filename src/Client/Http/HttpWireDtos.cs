namespace JidoSessions.Client.Http;

/// <summary>Body of <c>POST /v1/sessions/{id}/messages</c>: a message, or the results of the model's tool calls.</summary>
/// <param name="Message">The user's message (absent with <paramref name="ToolResults"/>).</param>
/// <param name="Options">Sampling settings and tools of this turn; absent for the defaults.</param>
/// <param name="ToolResults">The caller's results of the tool calls of the previous reply (absent with a message).</param>
public sealed record MessageRequest(
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Message,
    TurnOptions? Options = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<ToolResult>? ToolResults = null);

/// <summary>Data of a <see cref="HttpWire.TokenEvent"/> event.</summary>
/// <param name="Delta">The text produced since the previous delta.</param>
public sealed record TokenDelta(string Delta);

/// <summary>Body of the reply to <c>POST /v1/sessions/{id}/turn/cancel</c>.</summary>
/// <param name="Cancelled">Whether a turn was in progress and was cancelled.</param>
public sealed record CancelTurnResponse(bool Cancelled);

/// <summary>Body of <c>POST /v1/sessions/{id}/rewind</c>.</summary>
public sealed record RewindRequest(long ToSequence);

/// <summary>Body of the reply to <c>DELETE /v1/sessions/{id}/files?path=…</c>.</summary>
/// <param name="Removed">Whether the file was active and was removed.</param>
public sealed record RemoveFileResponse(bool Removed);
