using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Agent;

/// <summary>
/// A chat client driven by the test: every call shows up as a <see cref="ChatCall"/> (see <see cref="NextCallAsync"/>)
/// and stays open until the test replies, streams deltas, completes or fails it. Calls honour their cancellation token.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Channel<ChatCall> _calls = Channel.CreateUnbounded<ChatCall>();

    /// <summary>The next call the agent made.</summary>
    public async Task<ChatCall> NextCallAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return await _calls.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("Timeout waiting for the agent to call the model.");
        }
    }

    /// <summary>Fails if the agent calls the model within <paramref name="duration"/>.</summary>
    public async Task ExpectNoCallAsync(TimeSpan? duration = null)
    {
        using var cancellation = new CancellationTokenSource(duration ?? TimeSpan.FromMilliseconds(150));
        try
        {
            var call = await _calls.Reader.ReadAsync(cancellation.Token);
            throw new Xunit.Sdk.XunitException($"Expected no model call but got one for '{call.Messages[^1].Text}'.");
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new ChatCall([.. messages], options, Streaming: false, cancellationToken);
        _calls.Writer.TryWrite(call);
        var text = await call.Result.Task.WaitAsync(cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = new ChatCall([.. messages], options, Streaming: true, cancellationToken);
        _calls.Writer.TryWrite(call);
        await foreach (var (text, error) in call.Deltas.Reader.ReadAllAsync(cancellationToken))
        {
            if (error is not null)
            {
                throw error;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, text);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>One model call held open by the test.</summary>
internal sealed record ChatCall(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming, CancellationToken Token)
{
    public TaskCompletionSource<string> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Channel<(string Text, Exception? Error)> Deltas { get; } = Channel.CreateUnbounded<(string, Exception?)>();

    /// <summary>Answers a non-streaming call.</summary>
    public void Reply(string text) => Result.TrySetResult(text);

    /// <summary>Sends one piece of a streamed answer.</summary>
    public void Delta(string text) => Deltas.Writer.TryWrite((text, null));

    /// <summary>Ends a streamed answer.</summary>
    public void Complete() => Deltas.Writer.TryComplete();

    /// <summary>Fails the call (streaming or not).</summary>
    public void Fail(Exception error)
    {
        Result.TrySetException(error);
        Deltas.Writer.TryWrite((string.Empty, error));
    }
}
