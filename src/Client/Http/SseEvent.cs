namespace JidoSessions.Client.Http;

/// <summary>One Server-Sent Event as read from the wire.</summary>
/// <param name="Id">The <c>id:</c> field, or null when the event had none.</param>
/// <param name="Type">The <c>event:</c> field; <c>message</c> when the event had none, as the spec says.</param>
/// <param name="Data">The <c>data:</c> lines joined with line feeds.</param>
internal sealed record SseEvent(string? Id, string Type, string Data);
