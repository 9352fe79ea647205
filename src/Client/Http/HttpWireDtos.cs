namespace JidoSessions.Client.Http;

/// <summary>Body of <c>POST /v1/sessions/{id}/messages</c>.</summary>
/// <param name="Message">The user's message.</param>
/// <param name="Options">Sampling settings of this turn; absent for the defaults.</param>
public sealed record MessageRequest(string Message, TurnOptions? Options = null);

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
