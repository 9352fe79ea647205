using System.Globalization;
using System.Text.Json;

namespace JidoSessions.Actors.Llm;

// Builds LlmProviderExceptions so that kinds, status codes and messages are decided in one place.
internal static class LlmFailures
{
    public static LlmFailureKind KindForStatus(int statusCode) => statusCode switch
    {
        401 or 403 => LlmFailureKind.Unauthorized,
        429 => LlmFailureKind.RateLimited,
        >= 500 => LlmFailureKind.ServerError,
        _ => LlmFailureKind.BadRequest,
    };

    public static LlmProviderException FromStatus(int statusCode, string? errorBody, TimeSpan? retryAfter)
    {
        var providerMessage = ProviderMessageFrom(errorBody);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"The LLM provider answered HTTP {statusCode}{(providerMessage is null ? "." : ": " + providerMessage)}");
        return new LlmProviderException(KindForStatus(statusCode), message, statusCode, providerMessage, retryAfter);
    }

    public static LlmProviderException FromStreamError(JsonElement error)
    {
        var providerMessage = ProviderMessageFrom(error);
        return new LlmProviderException(
            LlmFailureKind.ServerError,
            "The LLM provider reported an error inside the stream" + (providerMessage is null ? "." : ": " + providerMessage),
            providerMessage: providerMessage);
    }

    public static LlmProviderException Timeout(TimeSpan limit, Exception inner) => new(
        LlmFailureKind.Timeout,
        string.Create(CultureInfo.InvariantCulture, $"The LLM provider did not answer within {limit.TotalMilliseconds} ms."),
        innerException: inner);

    public static LlmProviderException Network(Exception inner) => new(
        LlmFailureKind.Network,
        "The LLM provider could not be reached: " + inner.Message,
        innerException: inner);

    public static LlmProviderException Malformed(string detail, Exception? inner = null) => new(
        LlmFailureKind.MalformedResponse,
        "The LLM provider answered with a malformed response: " + detail,
        innerException: inner);

    public static LlmProviderException Truncated(Exception? inner = null) => new(
        LlmFailureKind.TruncatedStream,
        "The LLM provider's stream ended before [DONE] and before any finish reason.",
        innerException: inner);

    // Accepts {"error":{"message":"..."}} (OpenAI, vLLM, llama.cpp) and {"error":"..."} (Ollama).
    public static string? ProviderMessageFrom(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                ? ProviderMessageFrom(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ProviderMessageFrom(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString(),
        JsonValueKind.Object when error.TryGetProperty("message", out var message)
            && message.ValueKind == JsonValueKind.String => message.GetString(),
        _ => null,
    };
}
