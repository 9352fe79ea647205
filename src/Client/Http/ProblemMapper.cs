using System.Net;
using System.Text.Json;

namespace JidoSessions.Client.Http;

/// <summary>
/// Turns a problem document (RFC 9457 plus the stable <c>code</c> and the members the server adds per error)
/// back into the typed <see cref="SessionException"/> the in-process client throws.
/// </summary>
internal static class ProblemMapper
{
    public static SessionException FromProblem(int status, string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Unexpected(status, null, body);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Unexpected(status, null, body);
        }

        var code = Text(root, "code");
        var detail = Text(root, "detail") ?? Text(root, "title") ?? ((HttpStatusCode)status).ToString();
        return code switch
        {
            ErrorCodes.SessionNotFound => new SessionNotFoundException(Text(root, "sessionIdOrKey") ?? Text(root, "sessionId") ?? ""),
            ErrorCodes.InvalidTransition when TryId(root, out var id) && Enum.TryParse<SessionStatus>(Text(root, "from"), out var from) =>
                new InvalidTransitionException(id, from, Text(root, "attempted") ?? ""),
            ErrorCodes.SessionFailed when TryId(root, out var id) => new SessionFailedException(id, Text(root, "reason") ?? detail),
            ErrorCodes.TurnInProgress when TryId(root, out var id) => new TurnInProgressException(id),
            ErrorCodes.TurnCancelled when TryId(root, out var id) => new TurnCancelledException(id),
            ErrorCodes.TurnFailed when TryId(root, out var id) => new TurnFailedException(id, Text(root, "kind") ?? "Unknown", Text(root, "reason") ?? detail),
            ErrorCodes.ValidationFailed => new ValidationException(Errors(root, detail)),
            ErrorCodes.Unavailable => new SessionUnavailableException(detail),
            ErrorCodes.Unauthorized => new SessionUnauthorizedException(detail),
            ErrorCodes.PayloadTooLarge => new PayloadTooLargeException(detail),
            _ when code is null && status == 401 => new SessionUnauthorizedException(detail),
            _ when code is null && status == 413 => new PayloadTooLargeException(detail),
            _ => Unexpected(status, code, detail),
        };
    }

    private static UnexpectedResponseException Unexpected(int status, string? code, string? detail)
    {
        var text = string.IsNullOrWhiteSpace(detail) ? "(no body)" : detail.Length > 512 ? detail[..512] + "…" : detail;
        return new UnexpectedResponseException(code ?? $"http_{status}", status, $"The server answered {status} {(HttpStatusCode)status}: {text}");
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryId(JsonElement root, out SessionId id) => SessionId.TryParse(Text(root, "sessionId"), out id);

    private static Dictionary<string, string> Errors(JsonElement root, string detail)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("errors", out var members) && members.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in members.EnumerateObject())
            {
                errors[member.Name] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString() ?? "",
                    JsonValueKind.Array => string.Join("; ", member.Value.EnumerateArray().Select(e => e.ToString())),
                    _ => member.Value.ToString(),
                };
            }
        }

        if (errors.Count == 0)
        {
            errors["request"] = detail;
        }

        return errors;
    }
}
