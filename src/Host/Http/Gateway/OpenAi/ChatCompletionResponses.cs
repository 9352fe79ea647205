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

/// <summary>Token counts (estimates: see <see cref="ChatUsage.Estimate"/>).</summary>
internal sealed record ChatUsage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    /// <summary>
    /// One token per four characters of the turn's message and of the reply; the session history the model
    /// also saw is not counted, since the gateway does not see the context the session built.
    /// </summary>
    public static ChatUsage Estimate(string prompt, string completion)
    {
        var promptTokens = Tokens(prompt);
        var completionTokens = Tokens(completion);
        return new ChatUsage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    private static int Tokens(string text) => (int)(((long)text.Length + 3) / 4);
}

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
