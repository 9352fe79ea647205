using Microsoft.Extensions.Logging;

namespace JidoSessions.Persistence.Writing;

internal sealed partial class GroupCommitWriter
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Error,
        Message = "{Store}: a write batch of {Count} operations failed and was not committed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string store, int count);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Trace, Message = "{Store}: committed a write batch of {Count} operations")]
    private static partial void LogBatchCommitted(ILogger logger, string store, int count);
}
