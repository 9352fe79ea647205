using System.Text.Json.Serialization;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>A non-streamed answer: <c>object</c> is <c>chat.completion</c>.</summary>
internal sealed record ChatCompletion(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    ChatUsage Usage);

/// <summary>The one choice of a non-streamed answer.</summary>
internal sealed record ChatCompletionChoice(int Index, ChatResponseMessage Message, object? Logprobs, string FinishReason);

/// <summary>The assistant's message.</summary>
internal sealed record ChatResponseMessage(string Role, string Content, object? Refusal);

/// <summary>Token counts of one answer (see <see cref="ChatCompletionBuilder.Usage"/>).</summary>
internal sealed record ChatUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>One streamed piece: <c>object</c> is <c>chat.completion.chunk</c>; every chunk of a stream has the same id.</summary>
internal sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatUsage? Usage = null);

/// <summary>The one choice of a chunk; <see cref="FinishReason"/> is null until the last content chunk.</summary>
internal sealed record ChatChunkChoice(int Index, ChatDelta Delta, object? Logprobs, string? FinishReason);

/// <summary>What a chunk adds: the role in the first chunk, text in the others, nothing in the last.</summary>
internal sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);
