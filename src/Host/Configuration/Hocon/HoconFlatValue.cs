namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>A configuration value and where it was written.</summary>
internal readonly record struct HoconFlatValue(string? Value, HoconPosition Position);
