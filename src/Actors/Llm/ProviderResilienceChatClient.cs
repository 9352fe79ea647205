using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;

namespace JidoSessions.Actors.Llm;

/// <summary>
/// Our layer over the OpenAI SDK's chat client: every attempt runs under <see cref="OpenAiChatClientOptions.RequestTimeout"/>
/// on the injected clock, every failure becomes an <see cref="LlmProviderException"/>, and transient failures are
/// retried by <see cref="ProviderRetryPipeline"/> (Polly) — for a stream only while nothing has reached the caller.
/// </summary>
internal sealed partial class ProviderResilienceChatClient : DelegatingChatClient
{
    private readonly OpenAiChatClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    public ProviderResilienceChatClient(
        IChatClient inner, OpenAiChatClientOptions options, TimeProvider time, ILogger logger, Func<double>? randomizer = null)
        : base(inner)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _retry = ProviderRetryPipeline.Create(options, time, logger, randomizer);
    }

    /// <inheritdoc />
    /// <exception cref="LlmProviderException">The provider failed and no retry was allowed or left.</exception>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var attempts = 0;
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    using var scope = new AttemptScope(_options.RequestTimeout, _time, token);
                    try
                    {
                        return await base.GetResponseAsync(conversation, options, scope.Token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (AttemptScope.ShouldTranslate(exception))
                    {
                        throw scope.Translate(exception);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (LlmProviderException failure)
        {
            Log.Failed(_logger, failure.Kind, failure.StatusCode, attempts);
            throw;
        }
    }
}
