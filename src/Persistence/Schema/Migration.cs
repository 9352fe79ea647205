namespace JidoSessions.Persistence.Schema;

/// <summary>
/// One step of a store's schema history. Steps are applied in <see cref="Version"/> order, each exactly once,
/// and recorded in <c>schema_migrations</c>; a released step is never edited, only followed by a new one.
/// </summary>
internal sealed record Migration(int Version, string Description, string Sql);
