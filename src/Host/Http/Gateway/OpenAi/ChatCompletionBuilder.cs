using JidoSessions.Actors.Context;
using JidoSessions.Actors.Llm;
using JidoSessions.Client;

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
    /// The answer's usage: the turn's (<see cref="TurnUsage"/>: the provider's own counts where it sent them, else the
    /// whole context the model read and the reply, counted with o200k_base); from a reply without one (an older
    /// server), <paramref name="prompt"/> as one message and <paramref name="completion"/> counted with the tokenizer
    /// <see cref="Model"/> picks.
    /// </summary>
    public ChatUsage Usage(TurnUsage? usage, string prompt, string completion)
    {
        if (usage is not null)
        {
            return new ChatUsage(usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens);
        }

        var tokens = TokenEstimator.For(LlmTokenizer.Auto, Model);
        var promptTokens = tokens.CountMessage(prompt);
        var completionTokens = tokens.CountText(completion);
        return new ChatUsage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /// <summary>The usage chunk sent before <c>[DONE]</c> when asked for: no choices, only usage.</summary>
    public ChatCompletionChunk UsageChunk(ChatUsage usage) => new(Id, "chat.completion.chunk", Created, Model, [], usage);

}
