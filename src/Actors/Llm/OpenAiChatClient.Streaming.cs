using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

public sealed partial class OpenAiChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// Updates are yielded as the provider's chunks arrive; the last one carries the finish reason, and usage when the
    /// server reports it. A failure after the first update is thrown without retrying, so text is never repeated.
    /// </remarks>
    /// <exception cref="LlmProviderException">The provider failed and no retry was allowed or left.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = options?.ModelId ?? _options.Model;
        var body = OpenAiWireMapper.SerializeRequest(messages, options, model, stream: true);
        LogRequestBody(body);
        for (var attempt = 0; ; attempt++)
        {
            Log.Sending(_logger, _transport.Endpoint, model, true, attempt + 1);
            using var scope = new AttemptScope(_options.RequestTimeout, _timeProvider, cancellationToken);
            var yielded = false;
            var (stream, failure) = await TryAttemptAsync(() => OpenAsync(body, scope, model), attempt, yielded)
                .ConfigureAwait(false);
            using (stream)
            {
                while (stream is not null)
                {
                    (var update, failure) = await TryAttemptAsync(() => ReadNextAsync(stream, scope), attempt, yielded)
                        .ConfigureAwait(false);
                    if (failure is not null)
                    {
                        break;
                    }

                    if (update is null)
                    {
                        Log.Completed(_logger, model, stream.FinishReason?.Value, stream.OutputTokens);
                        yield break;
                    }

                    Log.CompletionText(_logger, update.Text);
                    yield return update;
                    yielded = true;
                }
            }

            await DelayBeforeRetryAsync(failure, attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    // Returns a retryable failure instead of throwing it, because an iterator cannot yield inside try/catch.
    private async Task<(T? Value, LlmProviderException? RetryableFailure)> TryAttemptAsync<T>(
        Func<Task<T?>> step, int attempt, bool yielded)
        where T : class
    {
        try
        {
            return (await step().ConfigureAwait(false), null);
        }
        catch (LlmProviderException failure) when (CanRetry(failure, attempt, yielded))
        {
            return (null, failure);
        }
    }

    private async Task<OpenAiChunkStream?> OpenAsync(byte[] body, AttemptScope scope, string model)
    {
        try
        {
            return await OpenAiChunkStream.OpenAsync(_transport, body, scope, model).ConfigureAwait(false);
        }
        catch (Exception exception) when (scope.ShouldTranslate(exception))
        {
            throw scope.Translate(exception, streamBody: false);
        }
    }

    private static async Task<ChatResponseUpdate?> ReadNextAsync(OpenAiChunkStream stream, AttemptScope scope)
    {
        try
        {
            return await stream.ReadNextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (scope.ShouldTranslate(exception))
        {
            throw scope.Translate(exception, streamBody: true);
        }
    }
}
