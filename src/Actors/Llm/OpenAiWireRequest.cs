namespace JidoSessions.Actors.Llm;

// Request body of POST /chat/completions. Only the fields this client sends; nulls are omitted on the wire.
internal sealed class OpenAiWireRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<OpenAiWireMessage> Messages { get; init; }

    public bool Stream { get; init; }

    public OpenAiWireStreamOptions? StreamOptions { get; init; }

    public float? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public float? TopP { get; init; }

    public float? FrequencyPenalty { get; init; }

    public float? PresencePenalty { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }
}

internal sealed class OpenAiWireMessage
{
    public string? Role { get; init; }

    public string? Content { get; init; }
}

internal sealed class OpenAiWireStreamOptions
{
    public bool IncludeUsage { get; init; }
}
