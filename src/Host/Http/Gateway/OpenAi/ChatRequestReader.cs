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

        // A request that ends with tool messages answers the model's tool calls: their results are the turn's input.
        var firstTool = messages.Count;
        while (firstTool > 0 && messages[firstTool - 1]!.Role == "tool")
        {
            firstTool--;
        }

        string text;
        List<ToolResult>? results = null;
        int inputStart;
        if (firstTool < messages.Count)
        {
            results = Results(messages, firstTool, messages.Count);
            var chars = results.Sum(r => (long)r.Content.Length);
            if (chars > http.MaxMessageChars)
            {
                throw ValidationException.For($"messages[{firstTool}].content", $"tool results must be at most {http.MaxMessageChars} characters in all (were {chars})");
            }

            text = "";
            inputStart = firstTool;
        }
        else
        {
            if (lastUser < 0)
            {
                throw ValidationException.For("messages", "must contain a message with role 'user' (the turn's text), or end with 'tool' messages");
            }

            var field = $"messages[{lastUser}].content";
            text = ChatContent.Text(messages[lastUser]!.Content, field);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw ValidationException.For(field, "must not be empty");
            }

            if (text.Length > http.MaxMessageChars)
            {
                throw ValidationException.For(field, $"must be at most {http.MaxMessageChars} characters (was {text.Length})");
            }

            inputStart = lastUser;
        }

        var key = Key(request, body.User);
        var turn = new ChatTurn(
            key,
            text,
            system.Count == 0 ? null : string.Join("\n\n", system),
            body.Model,
            body.Stream ?? false,
            body.StreamOptions?.IncludeUsage ?? false,
            Options(body) with { PriorMessages = key is null ? Prior(messages, inputStart) : null },
            results);
        Validate(turn);
        return turn;
    }

    /// <summary>
    /// A key-less request's conversation before the turn's input (user and assistant messages, assistant tool calls and
    /// tool results): the one-off session has no history of its own, so the model reads these instead. Null when none.
    /// </summary>
    private static List<PriorMessage>? Prior(IReadOnlyList<ChatRequestMessage?> messages, int inputStart)
    {
        var prior = new List<PriorMessage>();
        for (var i = 0; i < inputStart; i++)
        {
            var message = messages[i]!;
            var hasContent = message.Content.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
            switch (message.Role)
            {
                case "user" when hasContent:
                    prior.Add(new PriorMessage(MessageRole.User, ChatContent.Text(message.Content, $"messages[{i}].content")));
                    break;
                case "assistant":
                    var calls = Calls(message.ToolCalls, $"messages[{i}].tool_calls");
                    if (hasContent || calls is not null)
                    {
                        prior.Add(new PriorMessage(MessageRole.Assistant, hasContent ? ChatContent.Text(message.Content, $"messages[{i}].content") : "", calls));
                    }

                    break;
                case "tool":
                    var end = i;
                    while (end < inputStart && messages[end]!.Role == "tool")
                    {
                        end++;
                    }

                    prior.Add(new PriorMessage(MessageRole.Tool, "", ToolResults: Results(messages, i, end)));
                    i = end - 1;
                    break;
            }
        }

        return prior.Count == 0 ? null : prior;
    }

    /// <summary>The results of the <c>tool</c> messages from <paramref name="from"/> up to <paramref name="to"/>.</summary>
    private static List<ToolResult> Results(IReadOnlyList<ChatRequestMessage?> messages, int from, int to)
    {
        var results = new List<ToolResult>();
        for (var i = from; i < to; i++)
        {
            if (messages[i]!.ToolCallId is not { Length: > 0 and <= 256 } id)
            {
                throw ValidationException.For($"messages[{i}].tool_call_id", "is required on a 'tool' message: the id of the call it answers (1-256 characters)");
            }

            if (results.Any(r => r.ToolCallId == id))
            {
                throw ValidationException.For($"messages[{i}].tool_call_id", $"answers the call '{id}' a second time");
            }

            results.Add(new ToolResult(id, ChatContent.Text(messages[i]!.Content, $"messages[{i}].content")));
        }

        return results;
    }

    /// <summary>An assistant message's <c>tool_calls</c>: <c>[{"id","type":"function","function":{"name","arguments"}}]</c>.</summary>
    private static List<ToolCall>? Calls(JsonElement calls, string field)
    {
        if (calls.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw ValidationException.For(field, "must be an array of tool calls");
        }

        var list = new List<ToolCall>();
        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var at = $"{field}[{index++}]";
            var id = String(call, "id");
            var function = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            var name = function.ValueKind == JsonValueKind.Object ? String(function, "name") : null;
            var arguments = function.ValueKind == JsonValueKind.Object ? String(function, "arguments") : null;
            if (id is null || name is null || arguments is null || (call.TryGetProperty("type", out var type) && type.GetString() != "function"))
            {
                throw ValidationException.For(at, "must be {\"id\":…,\"type\":\"function\",\"function\":{\"name\":…,\"arguments\":\"<JSON text>\"}}");
            }

            list.Add(new ToolCall(id, name, arguments));
        }

        return list.Count == 0 ? null : list;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>tools</c>: <c>[{"type":"function","function":{"name","description"?,"parameters"?}}]</c>.</summary>
    private static List<ToolDefinition>? Tools(JsonElement tools)
    {
        if (tools.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw ValidationException.For("tools", "must be an array of {\"type\":\"function\",\"function\":{…}}");
        }

        var list = new List<ToolDefinition>();
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var at = $"tools[{index++}]";
            if (String(tool, "type") != "function")
            {
                throw ValidationException.For(at + ".type", "must be 'function' (the only tool type this gateway passes on)");
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                throw ValidationException.For(at + ".function", "is required: an object with name, description and parameters");
            }

            var parameters = function.TryGetProperty("parameters", out var p) && p.ValueKind != JsonValueKind.Null ? p.GetRawText() : null;
            list.Add(new ToolDefinition(String(function, "name") ?? "", String(function, "description"), parameters));
        }

        return list;
    }

    /// <summary><c>tool_choice</c>: <c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name"}}</c>.</summary>
    private static ToolChoice? Choice(JsonElement choice) => choice.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => choice.GetString() switch
        {
            "auto" => new ToolChoice(ToolChoiceKind.Auto),
            "none" => new ToolChoice(ToolChoiceKind.None),
            "required" => new ToolChoice(ToolChoiceKind.Required),
            _ => throw ValidationException.For("tool_choice", "must be 'auto', 'none', 'required' or {\"type\":\"function\",\"function\":{\"name\":…}}"),
        },
        JsonValueKind.Object when String(choice, "type") == "function" && choice.TryGetProperty("function", out var f) && String(f, "name") is { } name =>
            new ToolChoice(ToolChoiceKind.Function, name),
        _ => throw ValidationException.For("tool_choice", "must be 'auto', 'none', 'required' or {\"type\":\"function\",\"function\":{\"name\":…}}"),
    };

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
            Tools = Tools(body.Tools),
            ToolChoice = Choice(body.ToolChoice),
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
                    "toolChoice" => "tool_choice",
                    var other when other.StartsWith("tools[", StringComparison.Ordinal) && other.EndsWith("].name", StringComparison.Ordinal) =>
                        other[..^".name".Length] + ".function.name",
                    var other when other.StartsWith("tools[", StringComparison.Ordinal) && other.EndsWith("].parameters", StringComparison.Ordinal) =>
                        other[..^".parameters".Length] + ".function.parameters",
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
