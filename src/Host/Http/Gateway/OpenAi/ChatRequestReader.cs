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

        var turn = new ChatTurn(
            Key(request, body.User),
            text,
            system.Count == 0 ? null : string.Join("\n\n", system),
            body.Model,
            body.Stream ?? false,
            body.StreamOptions?.IncludeUsage ?? false);
        Validate(turn);
        return turn;
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
