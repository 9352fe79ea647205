using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

/// <summary>An active file: its index entry, its text, and its add order (higher is newer; a replace renews it).</summary>
internal sealed record ActiveFile(SessionFileInfo Info, string Content, long Order);
