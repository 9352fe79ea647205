namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>A text being parsed: the name used in positions and the directory its includes are relative to.</summary>
internal sealed record HoconSource(string DisplayName, string Directory);
