using System.Text.Json;

namespace JidoSessions.Actors.Llm;

// Shared shape of a chat.completion body and of a chat.completion.chunk stream event.
internal sealed class OpenAiWireResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public long? Created { get; init; }

    // Null or absent is legal on the usage-only chunk that ends a stream (stream_options.include_usage).
    public List<OpenAiWireChoice>? Choices { get; init; }

    public OpenAiWireUsage? Usage { get; init; }

    // vLLM and llama.cpp report failures that happen after the headers were sent as an event with an error member.
    public JsonElement? Error { get; init; }
}

internal sealed class OpenAiWireChoice
{
    public int Index { get; init; }

    public OpenAiWireMessage? Message { get; init; }

    public OpenAiWireMessage? Delta { get; init; }

    public string? FinishReason { get; init; }
}

internal sealed class OpenAiWireUsage
{
    public long? PromptTokens { get; init; }

    public long? CompletionTokens { get; init; }

    public long? TotalTokens { get; init; }
}
