using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Problems;
using JidoSessions.Host.Http.Sessions;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// Reads a chat-completions body into a <see cref="ChatTurn"/>. Every refusal is a <see cref="ValidationException"/>
/// whose first field is the OpenAI <c>param</c> (<c>messages[2].content</c>, <c>model</c>, <c>X-Session-Key</c>).
/// </summary>
internal static class ChatRequestReader
{
    public const string SessionKeyHeader = "X-Session-Key";

    public static async Task<ChatTurn> ReadAsync(HttpRequest request, HttpOptions http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await DeserializeAsync(request, cancellationToken);
        if (body.N is { } n && n != 1)
        {
            throw ValidationException.For("n", "only 1 choice is supported");
        }

        if (body.Messages is not { Count: > 0 } messages)
        {
            throw ValidationException.For("messages", "is required: a non-empty array of messages");
        }

        var system = new List<string>();
        var lastUser = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            var role = messages[i]?.Role;
            if (string.IsNullOrWhiteSpace(role))
            {
                throw ValidationException.For($"messages[{i}].role", "is required");
            }

            if (role is "system" or "developer")
            {
                system.Add(ChatContent.Text(messages[i]!.Content, $"messages[{i}].content"));
            }
            else if (role == "user")
            {
                lastUser = i;
            }
        }

        if (lastUser < 0)
        {
            throw ValidationException.For("messages", "must contain a message with role 'user' (the turn's text)");
        }

        var field = $"messages[{lastUser}].content";
        var text = ChatContent.Text(messages[lastUser]!.Content, field);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ValidationException.For(field, "must not be empty");
        }

        if (text.Length > http.MaxMessageChars)
        {
            throw ValidationException.For(field, $"must be at most {http.MaxMessageChars} characters (was {text.Length})");
        }

        var key = Key(request, body.User);
        var turn = new ChatTurn(
            key,
            text,
            system.Count == 0 ? null : string.Join("\n\n", system),
            body.Model,
            body.Stream ?? false,
            body.StreamOptions?.IncludeUsage ?? false,
            Options(body) with { PriorMessages = key is null ? Prior(messages, lastUser) : null });
        Validate(turn);
        return turn;
    }

    /// <summary>
    /// A key-less request's conversation before its last user message (user and assistant messages with text): the
    /// one-off session has no history of its own, so the model reads these instead. Null when there are none.
    /// </summary>
    private static List<PriorMessage>? Prior(IReadOnlyList<ChatRequestMessage?> messages, int lastUser)
    {
        var prior = new List<PriorMessage>();
        for (var i = 0; i < lastUser; i++)
        {
            var role = messages[i]!.Role switch { "user" => MessageRole.User, "assistant" => MessageRole.Assistant, _ => (MessageRole?)null };
            if (role is { } r && messages[i]!.Content.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
            {
                prior.Add(new PriorMessage(r, ChatContent.Text(messages[i]!.Content, $"messages[{i}].content")));
            }
        }

        return prior.Count == 0 ? null : prior;
    }

    /// <summary>The request's sampling members as this turn's options, validated under their OpenAI names.</summary>
    private static TurnOptions Options(ChatCompletionRequest body)
    {
        var options = new TurnOptions
        {
            Temperature = body.Temperature,
            TopP = body.TopP,
            MaxOutputTokens = body.MaxCompletionTokens ?? body.MaxTokens,
            Stop = Stop(body.Stop),
            Seed = body.Seed,
            PresencePenalty = body.PresencePenalty,
            FrequencyPenalty = body.FrequencyPenalty,
            ResponseFormat = Format(body.ResponseFormat),
        };
        try
        {
            options.Validate();
        }
        catch (ValidationException e)
        {
            var tokens = body.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens";
            throw new ValidationException(e.Errors.ToDictionary(
                p => p.Key switch
                {
                    "topP" => "top_p",
                    "maxOutputTokens" => tokens,
                    "presencePenalty" => "presence_penalty",
                    "frequencyPenalty" => "frequency_penalty",
                    "responseFormat.schemaName" => "response_format.json_schema.name",
                    "responseFormat.schema" => "response_format.json_schema.schema",
                    var other => other,
                },
                p => p.Value));
        }

        return options;
    }

    private static List<string>? Stop(JsonElement stop) => stop.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => [stop.GetString()!],
        JsonValueKind.Array when stop.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => [.. stop.EnumerateArray().Select(e => e.GetString()!)],
        _ => throw ValidationException.For("stop", "must be a string or an array of strings"),
    };

    private static TurnResponseFormat? Format(JsonElement format)
    {
        if (format.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var type = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return new TurnResponseFormat(ResponseFormatKind.Text);
            case "json_object":
                return new TurnResponseFormat(ResponseFormatKind.JsonObject);
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    throw ValidationException.For("response_format.json_schema", "is required for type 'json_schema': an object with name and schema");
                }

                var name = schema.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var body = schema.TryGetProperty("schema", out var s) ? s.GetRawText() : null;
                return new TurnResponseFormat(ResponseFormatKind.JsonSchema, name, body);
            default:
                throw ValidationException.For("response_format.type", "must be 'text', 'json_object' or 'json_schema'");
        }
    }

    private static async Task<ChatCompletionRequest> DeserializeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = await RequestBodyBytes.ReadAsync(request, cancellationToken);
            if (buffer.Length == 0)
            {
                throw ValidationException.For("body", "is required: a JSON chat completion request");
            }

            return await JsonSerializer.DeserializeAsync<ChatCompletionRequest>(buffer, OpenAiJson.Options, cancellationToken)
                ?? throw ValidationException.For("body", "must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            var path = e.Path?.TrimStart('$').TrimStart('.');
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            throw ValidationException.For(string.IsNullOrEmpty(path) ? "body" : path, "is not valid: " + (cut > 0 ? e.Message[..cut] : e.Message));
        }
    }

    private static SessionKey? Key(HttpRequest request, string? user)
    {
        if (request.Headers.TryGetValue(SessionKeyHeader, out var header))
        {
            return SessionKeys.Parse(header.ToString(), SessionKeyHeader);
        }

        return string.IsNullOrEmpty(user) ? null : SessionKeys.Parse(user, "user");
    }

    private static void Validate(ChatTurn turn)
    {
        if (turn.Model is { } model && string.IsNullOrWhiteSpace(model))
        {
            throw ValidationException.For("model", "must not be blank");
        }

        try
        {
            turn.Wanted?.Validate();
        }
        catch (ValidationException e)
        {
            // The system prompt comes from the request's system messages.
            throw new ValidationException(e.Errors.ToDictionary(p => p.Key == "systemPrompt" ? "messages" : p.Key, p => p.Value));
        }
    }
}
