using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Sqlite;

public sealed partial class SqliteStore
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "SQLite store {Path} opened (WAL, synchronous={Synchronous})")]
    private static partial void LogOpened(ILogger logger, string path, SqliteSynchronous synchronous);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "SQLite store {Path} closed")]
    private static partial void LogClosed(ILogger logger, string path);
}
