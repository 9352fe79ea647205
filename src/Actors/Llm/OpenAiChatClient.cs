using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Actors.Llm;

/// <summary>
/// An <see cref="IChatClient"/> for any OpenAI-compatible <c>POST {BaseUrl}/chat/completions</c> endpoint
/// (OpenAI, vLLM, Ollama, llama.cpp server). Text messages only.
/// </summary>
/// <remarks>
/// Failures surface as <see cref="LlmProviderException"/>; caller cancellation as <see cref="OperationCanceledException"/>.
/// Rate limits, server errors, timeouts and network errors are retried with exponential backoff (honouring
/// <c>Retry-After</c>, capped by <see cref="OpenAiChatClientOptions.MaxBackoff"/>); a stream is retried only while
/// nothing has been yielded to the caller. The <see cref="HttpClient"/> is borrowed, not owned.
/// </remarks>
public sealed partial class OpenAiChatClient : IChatClient
{
    private const string ProviderName = "openai-compatible";

    private readonly OpenAiChatClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OpenAiTransport _transport;
    private readonly RetryPolicy _retryPolicy;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates a client; validates <paramref name="options"/> first.</summary>
    /// <param name="options">Endpoint, model, credentials, timeout and retry settings.</param>
    /// <param name="httpClient">The client used for requests; not disposed by this instance.</param>
    /// <param name="timeProvider">Clock for timeouts and retry delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Diagnostics sink; prompts and completions are logged only at Trace level.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public OpenAiChatClient(
        OpenAiChatClientOptions options,
        HttpClient httpClient,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _transport = new OpenAiTransport(httpClient, OpenAiTransport.EndpointFor(options.BaseUrl), options.ApiKey, _timeProvider);
        _retryPolicy = new RetryPolicy(options.MaxRetries, options.InitialBackoff, options.MaxBackoff);
        _metadata = new ChatClientMetadata(ProviderName, options.BaseUrl, options.Model);
    }

    /// <inheritdoc />
    /// <exception cref="LlmProviderException">The provider failed and no retry was allowed or left.</exception>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = options?.ModelId ?? _options.Model;
        var body = OpenAiWireMapper.SerializeRequest(messages, options, model, stream: false);
        LogRequestBody(body);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Log.Sending(_logger, _transport.Endpoint, model, false, attempt + 1);
                var response = await SendOnceAsync(body, model, cancellationToken).ConfigureAwait(false);
                Log.Completed(_logger, response.ModelId, response.FinishReason?.Value, response.Usage?.OutputTokenCount);
                Log.CompletionText(_logger, response.Text);
                return response;
            }
            catch (LlmProviderException failure) when (CanRetry(failure, attempt, yielded: false))
            {
                await DelayBeforeRetryAsync(failure, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Returns <see cref="ChatClientMetadata"/> (provider "openai-compatible", base URL, default model) or this
    /// instance when asked for a type it implements; otherwise <see langword="null"/>.
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the <see cref="HttpClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private async Task<ChatResponse> SendOnceAsync(byte[] body, string model, CancellationToken cancellationToken)
    {
        using var scope = new AttemptScope(_options.RequestTimeout, _timeProvider, cancellationToken);
        try
        {
            using var response = await _transport.SendAsync(body, stream: false, scope.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            var wire = await JsonSerializer
                .DeserializeAsync(content, OpenAiJsonContext.Default.OpenAiWireResponse, scope.Token)
                .ConfigureAwait(false);
            return OpenAiWireMapper.ToChatResponse(wire, model);
        }
        catch (Exception exception) when (scope.ShouldTranslate(exception))
        {
            throw scope.Translate(exception, streamBody: false);
        }
    }

    // Once text reached the caller a retry would repeat it, so a stream is retried only while nothing was yielded.
    // Logs the final failure when the answer is no, because the exception then leaves this client.
    private bool CanRetry(LlmProviderException failure, int attempt, bool yielded)
    {
        if (!yielded && _retryPolicy.ShouldRetry(failure, attempt))
        {
            return true;
        }

        Log.Failed(_logger, failure.Kind, failure.StatusCode, attempt + 1);
        return false;
    }

    private async Task DelayBeforeRetryAsync(LlmProviderException? failure, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var delay = _retryPolicy.DelayBeforeRetry(attempt, failure.RetryAfter);
        Log.Retrying(_logger, attempt + 1, failure.Kind, failure.StatusCode, delay);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private void LogRequestBody(byte[] body)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.RequestBody(_logger, Encoding.UTF8.GetString(body));
        }
    }
}
