using System.Text.Json.Nodes;

namespace JidoSessions.Actors.Tests.Llm;

// The official chat-completions JSON shapes the fake server answers with.
internal static class FakeOpenAiBodies
{
    private const long Created = 1_700_000_000;

    public static string Completion(string id, string model, FakeOpenAiResponse script) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "chat.completion",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(script.Chunks) },
            ["logprobs"] = null,
            ["finish_reason"] = script.FinishReason,
        }),
        ["usage"] = Usage(script),
    }.ToJsonString();

    public static string Chunk(string id, string model, JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();

    // The extra chunk sent before [DONE] when the request set stream_options.include_usage: choices is empty.
    public static string UsageChunk(string id, string model, FakeOpenAiResponse script) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(),
        ["usage"] = Usage(script),
    }.ToJsonString();

    public static string Error(int statusCode, string message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = statusCode == 429 ? "rate_limit_exceeded" : statusCode >= 500 ? "server_error" : "invalid_request_error",
            ["param"] = null,
            ["code"] = null,
        },
    }.ToJsonString();

    private static JsonObject Usage(FakeOpenAiResponse script) => new()
    {
        ["prompt_tokens"] = script.PromptTokens,
        ["completion_tokens"] = script.CompletionTokens,
        ["total_tokens"] = script.PromptTokens + script.CompletionTokens,
    };
}
