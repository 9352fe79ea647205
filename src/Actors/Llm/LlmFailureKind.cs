namespace JidoSessions.Actors.Llm;

/// <summary>
/// Why a call to an LLM provider failed. Callers branch on this instead of parsing messages or status codes.
/// </summary>
public enum LlmFailureKind
{
    /// <summary>The provider rejected the credentials (HTTP 401 or 403). Never retried.</summary>
    Unauthorized,

    /// <summary>The provider rejected the request (HTTP 4xx other than 401, 403 and 429). Never retried.</summary>
    BadRequest,

    /// <summary>The provider throttled the request (HTTP 429). Retried with backoff, honouring <c>Retry-After</c>.</summary>
    RateLimited,

    /// <summary>The provider failed (HTTP 5xx, or an error event inside a stream). Retried with backoff.</summary>
    ServerError,

    /// <summary>The provider did not answer within the configured request timeout. Retried with backoff.</summary>
    Timeout,

    /// <summary>The provider answered with a body that is not a valid chat completion. Never retried.</summary>
    MalformedResponse,

    /// <summary>A stream ended (or the connection dropped) before <c>[DONE]</c> and before any finish reason. Never retried.</summary>
    TruncatedStream,

    /// <summary>The provider could not be reached (connection refused, reset, DNS). Retried with backoff.</summary>
    Network,
}
