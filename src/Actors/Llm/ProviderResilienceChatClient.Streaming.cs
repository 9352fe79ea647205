using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

internal sealed partial class ProviderResilienceChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// Attempts are retried until the first update with output arrives; after that a failure is thrown as it is, so
    /// text is never repeated. The request timeout bounds the wait for each next update, not the whole generation.
    /// </remarks>
    /// <exception cref="LlmProviderException">The provider failed and no retry was allowed or left.</exception>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var attempts = 0;
        ProviderStream stream;
        try
        {
            stream = await _retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await ProviderStream.OpenAsync(InnerClient, conversation, options, _options.RequestTimeout, _time, token)
                        .ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (LlmProviderException failure)
        {
            Log.Failed(_logger, failure.Kind, failure.StatusCode, attempts);
            throw;
        }

        await using (stream.ConfigureAwait(false))
        {
            while (await ReadNextAsync(stream, attempts).ConfigureAwait(false) is { } update)
            {
                yield return update;
            }
        }
    }

    private async Task<ChatResponseUpdate?> ReadNextAsync(ProviderStream stream, int attempts)
    {
        try
        {
            return await stream.ReadNextAsync().ConfigureAwait(false);
        }
        catch (LlmProviderException failure)
        {
            Log.Failed(_logger, failure.Kind, failure.StatusCode, attempts);
            throw;
        }
    }
}
