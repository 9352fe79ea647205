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

/// <summary>The assistant's message: <see cref="Content"/> is null when it only calls tools.</summary>
internal sealed record ChatResponseMessage(
    string Role,
    string? Content,
    object? Refusal,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChatToolCall>? ToolCalls = null);

/// <summary>A tool call in OpenAI's shape: <c>{"id","type":"function","function":{"name","arguments"}}</c>.</summary>
internal sealed record ChatToolCall(string Id, string Type, ChatFunctionCall Function);

/// <summary>The function of a <see cref="ChatToolCall"/>; <see cref="Arguments"/> is JSON text.</summary>
internal sealed record ChatFunctionCall(string Name, string Arguments);

/// <summary>A piece of a streamed tool call: the first names it (id, type, name), later ones add argument text.</summary>
internal sealed record ChatToolCallDelta(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    ChatFunctionCallDelta Function);

/// <summary>The function piece of a <see cref="ChatToolCallDelta"/>.</summary>
internal sealed record ChatFunctionCallDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    string Arguments);

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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChatToolCallDelta>? ToolCalls = null);
