namespace JidoSessions.Actors.Llm;

/// <summary>
/// A typed failure of an LLM provider call. Caller cancellation is never reported this way: it surfaces as
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class LlmProviderException : Exception
{
    /// <summary>Creates a failure of the given <paramref name="kind"/>.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A description for logs; never contains prompt or completion text.</param>
    /// <param name="statusCode">The HTTP status code, when the provider answered with one.</param>
    /// <param name="providerMessage">The provider's own error message (<c>{"error":{"message":...}}</c>), when it sent one.</param>
    /// <param name="retryAfter">The provider's <c>Retry-After</c> hint, when it sent one.</param>
    /// <param name="innerException">The underlying transport or parsing exception, if any.</param>
    public LlmProviderException(
        LlmFailureKind kind,
        string message,
        int? statusCode = null,
        string? providerMessage = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ProviderMessage = providerMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets what went wrong.</summary>
    public LlmFailureKind Kind { get; }

    /// <summary>Gets the HTTP status code the provider answered with, or <see langword="null"/> when there was none.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the provider's own error message, or <see langword="null"/> when the body carried none.</summary>
    public string? ProviderMessage { get; }

    /// <summary>Gets the provider's <c>Retry-After</c> hint, or <see langword="null"/> when it sent none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Gets whether trying the same request again later may succeed (rate limits, server errors, timeouts, network errors).
    /// </summary>
    public bool IsTransient => Kind is LlmFailureKind.RateLimited or LlmFailureKind.ServerError
        or LlmFailureKind.Timeout or LlmFailureKind.Network;
}
