using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Sqlite;

internal static partial class SqliteMigrations
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "SQLite store {Path}: applied schema migration {Version} ({Description})")]
    private static partial void LogMigrationApplied(ILogger logger, string path, int version, string description);
}
