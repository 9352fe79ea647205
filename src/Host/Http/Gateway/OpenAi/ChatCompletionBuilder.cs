using JidoSessions.Actors.Context;
using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>Builds one answer's <c>chat.completion</c> or its <c>chat.completion.chunk</c>s, all with one id, time and model.</summary>
internal sealed record ChatCompletionBuilder(string Id, long Created, string Model)
{
    public const string Stop = "stop";

    /// <summary>A new answer's builder: a fresh <c>chatcmpl-…</c> id, <paramref name="now"/> as Unix seconds.</summary>
    public static ChatCompletionBuilder Start(DateTimeOffset now, string model) =>
        new("chatcmpl-" + Guid.NewGuid().ToString("N"), now.ToUnixTimeSeconds(), model);

    public ChatCompletion Completion(string text, ChatUsage usage) => new(
        Id,
        "chat.completion",
        Created,
        Model,
        [new ChatCompletionChoice(0, new ChatResponseMessage("assistant", text, null), null, Stop)],
        usage);

    public ChatCompletionChunk Chunk(ChatDelta delta, string? finishReason = null) =>
        new(Id, "chat.completion.chunk", Created, Model, [new ChatChunkChoice(0, delta, null, finishReason)]);

    /// <summary>
    /// The answer's usage: the provider's own counts where it <paramref name="reported"/> them, otherwise
    /// <paramref name="prompt"/> (as one message) and <paramref name="completion"/> counted with
    /// <paramref name="tokenizer"/>, whose <see cref="LlmTokenizer.Auto"/> picks by <see cref="Model"/>. Only the turn's
    /// message counts as the prompt: the gateway does not see the context the session built around it.
    /// </summary>
    public ChatUsage Usage(string prompt, string completion, UsageDetails? reported = null, LlmTokenizer tokenizer = LlmTokenizer.Auto)
    {
        var tokens = TokenEstimator.For(tokenizer, Model);
        var promptTokens = ToInt(reported?.InputTokenCount) ?? tokens.CountMessage(prompt);
        var completionTokens = ToInt(reported?.OutputTokenCount) ?? tokens.CountText(completion);
        return new ChatUsage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /// <summary>The usage chunk sent before <c>[DONE]</c> when asked for: no choices, only usage.</summary>
    public ChatCompletionChunk UsageChunk(ChatUsage usage) => new(Id, "chat.completion.chunk", Created, Model, [], usage);

    private static int? ToInt(long? count) => count is { } value and >= 0 ? (int)Math.Min(value, int.MaxValue) : null;
}
