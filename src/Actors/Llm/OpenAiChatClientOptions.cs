using System.Text;

namespace JidoSessions.Actors.Llm;

/// <summary>
/// Settings for <see cref="OpenAiChatClientFactory"/>. Works with any server speaking the OpenAI chat-completions
/// protocol (OpenAI, vLLM, Ollama, llama.cpp server).
/// </summary>
public sealed record OpenAiChatClientOptions
{
    /// <summary>
    /// Gets the API root, e.g. <c>http://127.0.0.1:11434/v1</c>; requests go to <c>{BaseUrl}/chat/completions</c>.
    /// Must be an absolute http or https URL.
    /// </summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Gets the model name sent when <c>ChatOptions.ModelId</c> does not override it.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// Gets the key sent as <c>Authorization: Bearer</c>; <see langword="null"/> sends no header (local servers).
    /// Never printed by <see cref="ToString"/>.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Gets the time limit of one attempt, measured on the injected <see cref="TimeProvider"/>. Non-streaming: the whole
    /// request. Streaming: the wait for the first update and then for each next one, so long generations are fine
    /// while tokens keep flowing.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how many times a transient failure is retried (0 disables retries).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>
    /// Gets the base of the exponential backoff: retry n waits about this times 2^(n-1), jittered (Polly's decorrelated
    /// jitter) so that many sessions failing at once do not retry in lockstep.
    /// </summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the upper bound of any retry delay, including one asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("BaseUrl must be an absolute http or https URL.", nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("Model must not be empty.", nameof(Model));
        }

        if (ApiKey is not null && string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("ApiKey must be null (no header) or a non-blank key.", nameof(ApiKey));
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException("RequestTimeout must be positive and at most int.MaxValue milliseconds.", nameof(RequestTimeout));
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException("MaxRetries must not be negative.", nameof(MaxRetries));
        }

        if (InitialBackoff < TimeSpan.Zero)
        {
            throw new ArgumentException("InitialBackoff must not be negative.", nameof(InitialBackoff));
        }

        if (MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException("MaxBackoff must be at least InitialBackoff.", nameof(MaxBackoff));
        }
    }

    // Records print every property; the API key must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl)
            .Append(", Model = ").Append(Model)
            .Append(", ApiKey = ").Append(ApiKey is null ? "(none)" : "***")
            .Append(", RequestTimeout = ").Append(RequestTimeout)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", InitialBackoff = ").Append(InitialBackoff)
            .Append(", MaxBackoff = ").Append(MaxBackoff);
        return true;
    }
}
