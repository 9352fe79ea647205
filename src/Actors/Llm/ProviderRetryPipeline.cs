using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace JidoSessions.Actors.Llm;

// Polly's retry strategy configured from the options: exponential backoff with jitter from InitialBackoff, every
// delay capped by MaxBackoff, the provider's Retry-After taking the place of the computed delay, and only transient
// LlmProviderExceptions retried. Delays run on the injected TimeProvider; cancelling the caller's token ends a delay.
internal static class ProviderRetryPipeline
{
    public static ResiliencePipeline Create(
        OpenAiChatClientOptions options, TimeProvider time, ILogger logger, Func<double>? randomizer)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.InitialBackoff,
            MaxDelay = options.MaxBackoff,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is LlmProviderException { IsTransient: true }),
            DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome.Exception, options.MaxBackoff)),
            OnRetry = args =>
            {
                var failure = (LlmProviderException)args.Outcome.Exception!;
                ProviderResilienceChatClient.Log.Retrying(logger, args.AttemptNumber + 1, failure.Kind, failure.StatusCode, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(retry).Build();
    }

    // Polly does not cap a generated delay by MaxDelay, so the cap is applied here: a provider asking for minutes must
    // not hold a session's turn that long.
    private static TimeSpan? RetryAfterDelay(Exception? exception, TimeSpan maxBackoff) =>
        exception is LlmProviderException { RetryAfter: { } hint }
            ? hint <= TimeSpan.Zero ? TimeSpan.Zero : hint < maxBackoff ? hint : maxBackoff
            : null;
}
