using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace JidoSessions.Actors.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> for any OpenAI-compatible <c>POST {BaseUrl}/chat/completions</c> endpoint
/// (OpenAI, vLLM, Ollama, llama.cpp server) on Microsoft.Extensions.AI.OpenAI.
/// </summary>
/// <remarks>
/// The pipeline, outermost first: Microsoft.Extensions.AI logging (prompts and completions only at Trace), our retry
/// and failure-mapping layer, OpenTelemetry (one span per attempt, source <see cref="TelemetrySourceName"/>), then
/// the OpenAI SDK's chat client with its own retries and network timeout switched off, so every attempt, delay and
/// timeout is decided in one place and measured on the injected <see cref="TimeProvider"/>.
/// Failures surface as <see cref="LlmProviderException"/>; caller cancellation as <see cref="OperationCanceledException"/>.
/// </remarks>
public static class OpenAiChatClientFactory
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and meter name of the provider calls' telemetry.</summary>
    public const string TelemetrySourceName = "JidoSessions.Llm";

    // The SDK insists on a credential; with no key configured the header it produces is removed again before sending.
    private const string NoKey = "no-key";

    /// <summary>Creates a client; validates <paramref name="options"/> first.</summary>
    /// <param name="options">Endpoint, model, credentials, timeout and retry settings.</param>
    /// <param name="http">Sends the requests; borrowed, never disposed. Its own <see cref="HttpClient.Timeout"/> should be infinite.</param>
    /// <param name="loggerFactory">Where the client logs; prompts and completions only at Trace level.</param>
    /// <param name="time">Clock of the per-attempt timeouts and the retry delays.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IChatClient Create(OpenAiChatClientOptions options, HttpClient http, ILoggerFactory loggerFactory, TimeProvider time) =>
        Create(options, http, loggerFactory, time, randomizer: null);

    // randomizer: the jitter's source of numbers in [0, 1); tests fix it to make delays exact.
    internal static IChatClient Create(
        OpenAiChatClientOptions options, HttpClient http, ILoggerFactory loggerFactory, TimeProvider time, Func<double>? randomizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();

        var sdkOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (options.ApiKey is null)
        {
            sdkOptions.AddPolicy(NoAuthorizationPolicy.Instance, PipelinePosition.BeforeTransport);
        }

        var sdkClient = new ChatClient(options.Model, new ApiKeyCredential(options.ApiKey ?? NoKey), sdkOptions).AsIChatClient();
        var resilienceLogger = loggerFactory.CreateLogger(typeof(ProviderResilienceChatClient));
        return new ChatClientBuilder(sdkClient)
            .UseLogging(loggerFactory)
            .Use(inner => new ProviderResilienceChatClient(inner, options, time, resilienceLogger, randomizer))
            .UseOpenTelemetry(loggerFactory, TelemetrySourceName)
            .Build();
    }
}
