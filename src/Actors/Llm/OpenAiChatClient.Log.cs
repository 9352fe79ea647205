using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Llm;

public sealed partial class OpenAiChatClient
{
    // Prompts and completions are user data: they appear only at Trace, everything above carries metadata only.
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
            Message = "Sending chat completion to {Endpoint} for model {Model} (stream: {Stream}, attempt {Attempt})")]
        public static partial void Sending(ILogger logger, Uri endpoint, string model, bool stream, int attempt);

        [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "Chat completion request body: {Body}")]
        public static partial void RequestBody(ILogger logger, string body);

        [LoggerMessage(EventId = 3, Level = LogLevel.Trace, Message = "Chat completion text: {Text}")]
        public static partial void CompletionText(ILogger logger, string text);

        [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
            Message = "Chat completion from model {Model} finished: reason {FinishReason}, {OutputTokens} output tokens")]
        public static partial void Completed(ILogger logger, string? model, string? finishReason, long? outputTokens);

        [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
            Message = "Chat completion attempt {Attempt} failed with {Kind} (HTTP {StatusCode}); retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, int attempt, LlmFailureKind kind, int? statusCode, TimeSpan delay);

        [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
            Message = "Chat completion failed with {Kind} (HTTP {StatusCode}) after {Attempts} attempt(s)")]
        public static partial void Failed(ILogger logger, LlmFailureKind kind, int? statusCode, int attempts);
    }
}
