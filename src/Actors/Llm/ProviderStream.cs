using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

// One streaming attempt. OpenAsync reads until the first update that carries output (text or any non-text content),
// a finish reason, or the end, holding back the empty role-only updates before it: until then nothing reached the
// caller and a failure may be retried. From then on ReadNextAsync hands out updates and throws typed failures.
internal sealed class ProviderStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly AttemptScope _scope;
    private readonly Queue<ChatResponseUpdate> _held = new();
    private bool _finished;
    private bool _ended;

    private ProviderStream(IAsyncEnumerator<ChatResponseUpdate> updates, AttemptScope scope)
    {
        _updates = updates;
        _scope = scope;
    }

    public static async Task<ProviderStream> OpenAsync(
        IChatClient inner, IEnumerable<ChatMessage> messages, ChatOptions? options, TimeSpan limit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var scope = new AttemptScope(limit, time, cancellationToken);
        var stream = new ProviderStream(inner.GetStreamingResponseAsync(messages, options, scope.Token).GetAsyncEnumerator(scope.Token), scope);
        try
        {
            while (await stream.MoveNextAsync().ConfigureAwait(false) is { } update)
            {
                stream._held.Enqueue(update);
                if (HasOutput(update) || update.FinishReason is not null)
                {
                    break;
                }
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<ChatResponseUpdate?> ReadNextAsync() =>
        _held.TryDequeue(out var held) ? held : await MoveNextAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _updates.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _scope.Dispose();
        }
    }

    private static bool HasOutput(ChatResponseUpdate update) =>
        update.Contents.Any(c => c is TextContent text ? text.Text.Length > 0 : c is not UsageContent);

    // Null at the end of a complete stream; a stream that ends before any finish reason was cut short.
    private async Task<ChatResponseUpdate?> MoveNextAsync()
    {
        if (_ended)
        {
            return null;
        }

        bool moved;
        _scope.RestartTimeout();
        try
        {
            moved = await _updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (AttemptScope.ShouldTranslate(exception))
        {
            throw _scope.Translate(exception);
        }
        finally
        {
            _scope.PauseTimeout();
        }

        if (!moved)
        {
            _ended = true;
            return _finished ? null : throw LlmFailures.Truncated();
        }

        var update = _updates.Current;
        if (StreamErrorEvent.In(update) is { } failure)
        {
            throw failure;
        }

        _finished |= update.FinishReason is not null;
        return update;
    }
}
