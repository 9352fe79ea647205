using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Postgres;

internal static partial class PostgresMigrations
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "PostgreSQL store (schema {Schema}): applied schema migration {Version} ({Description})")]
    private static partial void LogMigrationApplied(ILogger logger, string schema, int version, string description);
}
