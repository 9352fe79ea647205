using System.Text.Json;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// The members of an OpenAI <c>POST /v1/chat/completions</c> body that this gateway reads. The sampling members are
/// passed to the model for this turn (<see cref="JidoSessions.Client.TurnOptions"/>); <c>n</c> other than 1 is refused; members this
/// gateway does not know are skipped.
/// </summary>
internal sealed record ChatCompletionRequest(
    string? Model,
    IReadOnlyList<ChatRequestMessage?>? Messages,
    bool? Stream,
    ChatStreamOptions? StreamOptions,
    string? User,
    int? N,
    float? Temperature = null,
    float? TopP = null,
    int? MaxTokens = null,
    int? MaxCompletionTokens = null,
    JsonElement Stop = default,
    long? Seed = null,
    float? PresencePenalty = null,
    float? FrequencyPenalty = null,
    JsonElement ResponseFormat = default,
    JsonElement Tools = default,
    JsonElement ToolChoice = default,
    bool? ParallelToolCalls = null);

/// <summary>
/// One request message; <see cref="Content"/> is a string or an array of content parts (null for an assistant message
/// that only calls tools). An assistant message may carry <see cref="ToolCalls"/>; a <c>tool</c> message answers the
/// call <see cref="ToolCallId"/>.
/// </summary>
internal sealed record ChatRequestMessage(string? Role, JsonElement Content, string? ToolCallId = null, JsonElement ToolCalls = default, string? Name = null);

/// <summary><c>stream_options</c>: <c>include_usage</c> asks for a usage chunk before <c>[DONE]</c>.</summary>
internal sealed record ChatStreamOptions(bool? IncludeUsage);
