using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;

namespace JidoSessions.Actors.Llm;

// Builds LlmProviderExceptions so that kinds, status codes and messages are decided in one place.
internal static class LlmFailures
{
    private const int MaxErrorBodyChars = 16 * 1024;

    public static LlmFailureKind KindForStatus(int statusCode) => statusCode switch
    {
        401 or 403 => LlmFailureKind.Unauthorized,
        429 => LlmFailureKind.RateLimited,
        >= 500 => LlmFailureKind.ServerError,
        _ => LlmFailureKind.BadRequest,
    };

    public static LlmProviderException FromStatus(int statusCode, string? errorBody, TimeSpan? retryAfter, Exception? inner = null)
    {
        var providerMessage = ProviderMessageFrom(errorBody);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"The LLM provider answered HTTP {statusCode}{(providerMessage is null ? "." : ": " + providerMessage)}");
        return new LlmProviderException(KindForStatus(statusCode), message, statusCode, providerMessage, retryAfter, inner);
    }

    public static LlmProviderException FromClientResult(ClientResultException exception, DateTimeOffset now)
    {
        var response = exception.GetRawResponse();
        string? body = null;
        TimeSpan? retryAfter = null;
        if (response is not null)
        {
            response.Headers.TryGetValue("retry-after-ms", out var retryAfterMs);
            response.Headers.TryGetValue("Retry-After", out var retryAfterValue);
            retryAfter = RetryAfterHeader.Parse(retryAfterMs, retryAfterValue, now);
            body = ErrorBodyOf(response);
        }

        return FromStatus(exception.Status, body, retryAfter, exception);
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

    // Error bodies are only mined for a message; a misbehaving server must not make us hold megabytes.
    private static string? ErrorBodyOf(PipelineResponse response)
    {
        try
        {
            var text = response.Content.ToString();
            return text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] : text;
        }
        catch (InvalidOperationException)
        {
            // The content was not buffered: the status code alone still classifies the failure.
            return null;
        }
    }

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
