using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Llm;

internal sealed partial class ProviderResilienceChatClient
{
    // Metadata only: prompts and completions are logged (at Trace) by Microsoft.Extensions.AI's logging layer.
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "Chat completion attempt {Attempt} failed with {Kind} (HTTP {StatusCode}); retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, int attempt, LlmFailureKind kind, int? statusCode, TimeSpan delay);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
            Message = "Chat completion failed with {Kind} (HTTP {StatusCode}) after {Attempts} attempt(s)")]
        public static partial void Failed(ILogger logger, LlmFailureKind kind, int? statusCode, int attempts);
    }
}
