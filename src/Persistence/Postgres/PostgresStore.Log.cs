using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Postgres;

public sealed partial class PostgresStore
{
    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "PostgreSQL store (schema {Schema}) opened")]
    private static partial void LogOpened(ILogger logger, string schema);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "PostgreSQL store (schema {Schema}) closed")]
    private static partial void LogClosed(ILogger logger, string schema);
}
