using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Postgres;

internal sealed partial class PostgresBatchExecutor
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug,
        Message = "PostgreSQL store (schema {Schema}): a batch of {Count} operations failed with {SqlState}; retrying it with one savepoint per operation")]
    private static partial void LogRetryingIsolated(ILogger logger, Exception exception, string schema, int count, string sqlState);
}
