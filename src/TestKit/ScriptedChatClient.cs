using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace JidoSessions.TestKit;

/// <summary>
/// A model driven by the test. Every call the session's agent makes shows up as a <see cref="ScriptedCall"/>
/// (<see cref="NextCallAsync"/>) and stays open until the test replies, streams, completes or fails it; or, built with
/// <see cref="Answering"/>, every call is answered at once by a function of its messages. Calls honour their
/// cancellation token, so interrupting and cancelling turns behave as with a real provider.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Channel<ScriptedCall> _calls = Channel.CreateUnbounded<ScriptedCall>();
    private readonly Func<IReadOnlyList<ChatMessage>, string>? _answer;

    /// <summary>A client whose calls wait for the test (see <see cref="NextCallAsync"/>).</summary>
    public ScriptedChatClient()
    {
    }

    private ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, string> answer) => _answer = answer;

    /// <summary>A client that answers every call at once with <paramref name="answer"/> of the messages sent.</summary>
    public static ScriptedChatClient Answering(Func<IReadOnlyList<ChatMessage>, string> answer) =>
        new(answer ?? throw new ArgumentNullException(nameof(answer)));

    /// <summary>The next call the model received (waits up to <paramref name="timeout"/>, 5 s by default).</summary>
    /// <exception cref="TimeoutException">No call came in time.</exception>
    public async Task<ScriptedCall> NextCallAsync(TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(5);
        using var cancellation = new CancellationTokenSource(wait);
        try
        {
            return await _calls.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The model was not called within {wait.TotalSeconds:0.###} s.");
        }
    }

    /// <summary>
    /// The next call if one has been made already, else null: use it after a barrier (an awaited reply, an event)
    /// that proves the agent had its chance to call.
    /// </summary>
    public ScriptedCall? TryTakeCall() => _calls.Reader.TryRead(out var call) ? call : null;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Record(messages, options, streaming: false, cancellationToken);
        return new ChatResponse(await call.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Record(messages, options, streaming: true, cancellationToken);
        await foreach (var (text, contents, error) in call.Deltas.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (error is not null)
            {
                throw error;
            }

            yield return contents is null ? new ChatResponseUpdate(ChatRole.Assistant, text) : new ChatResponseUpdate(ChatRole.Assistant, [.. contents]);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private ScriptedCall Record(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming, CancellationToken cancellationToken)
    {
        var call = new ScriptedCall([.. messages], options, streaming, cancellationToken);
        if (_answer is not null)
        {
            var text = _answer(call.Messages);
            call.Delta(text);
            call.Complete();
            call.Reply(text);
        }

        _calls.Writer.TryWrite(call);
        return call;
    }
}

/// <summary>One model call, held open until the test answers it.</summary>
/// <param name="Messages">What the agent sent: system prompt and files first, history, then the user's message last.</param>
/// <param name="Options">The chat options it sent.</param>
/// <param name="Streaming">Whether the agent asked for a streamed answer.</param>
/// <param name="Token">The call's cancellation token (cancelled when the turn is cancelled or interrupted).</param>
public sealed record ScriptedCall(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming, CancellationToken Token)
{
    internal TaskCompletionSource<ChatMessage> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Channel<(string Text, IReadOnlyList<AIContent>? Contents, Exception? Error)> Deltas { get; } =
        Channel.CreateUnbounded<(string, IReadOnlyList<AIContent>?, Exception?)>();

    /// <summary>The text of the last message: the user's message of this turn.</summary>
    public string UserText => Messages.Count == 0 ? "" : Messages[^1].Text;

    /// <summary>Answers the call with <paramref name="text"/> (whole, or as one delta of a streamed call).</summary>
    public void Reply(string text)
    {
        Result.TrySetResult(new ChatMessage(ChatRole.Assistant, text));
        Deltas.Writer.TryWrite((text, null, null));
        Deltas.Writer.TryComplete();
    }

    /// <summary>
    /// Answers the call with tool calls (and optionally some text first), as a model asking the caller to run functions:
    /// <c>call.ReplyWithToolCalls(new FunctionCallContent("call_1", "get_weather", new Dictionary&lt;string, object?&gt; { ["city"] = "Oslo" }))</c>.
    /// </summary>
    public void ReplyWithToolCalls(params FunctionCallContent[] calls) => ReplyWithToolCalls("", calls);

    /// <inheritdoc cref="ReplyWithToolCalls(FunctionCallContent[])"/>
    public void ReplyWithToolCalls(string text, params FunctionCallContent[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        AIContent[] contents = [.. text.Length > 0 ? [new TextContent(text)] : Array.Empty<AIContent>(), .. calls];
        Result.TrySetResult(new ChatMessage(ChatRole.Assistant, contents));
        Deltas.Writer.TryWrite((text, contents, null));
        Deltas.Writer.TryComplete();
    }

    /// <summary>Sends one piece of a streamed answer.</summary>
    public void Delta(string text) => Deltas.Writer.TryWrite((text, null, null));

    /// <summary>Ends a streamed answer.</summary>
    public void Complete() => Deltas.Writer.TryComplete();

    /// <summary>Fails the call (streaming or not) as a provider would.</summary>
    public void Fail(Exception error)
    {
        Result.TrySetException(error);
        Deltas.Writer.TryWrite((string.Empty, null, error));
    }
}
