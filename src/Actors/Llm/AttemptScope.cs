using System.ClientModel;
using System.Text.Json;

namespace JidoSessions.Actors.Llm;

// One attempt at the provider: combines the caller's token with the attempt's timeout (on the injected TimeProvider)
// and turns whatever the SDK throws into either the caller's cancellation or a typed LlmProviderException.
internal sealed class AttemptScope : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly TimeProvider _time;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public AttemptScope(TimeSpan limit, TimeProvider time, CancellationToken callerToken)
    {
        _limit = limit;
        _time = time;
        _callerToken = callerToken;
        _timeout = new CancellationTokenSource(limit, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    // Streaming re-arms the limit before each read so it bounds silence, not the length of the whole generation.
    public void RestartTimeout() => _timeout.CancelAfter(_limit);

    // Called once a piece of the stream arrived: time the caller spends between reads is not the provider's silence.
    public void PauseTimeout() => _timeout.CancelAfter(Timeout.InfiniteTimeSpan);

    // What the SDK, its transport and its parser throw. Anything else is a bug here, not a provider failure.
    public static bool ShouldTranslate(Exception exception) =>
        exception is ClientResultException or HttpRequestException or IOException or JsonException
            or OperationCanceledException or ArgumentException or FormatException or InvalidOperationException
            or KeyNotFoundException;

    public Exception Translate(Exception exception)
    {
        if (_callerToken.IsCancellationRequested)
        {
            // Cancelling can surface as a torn connection; to the caller it is still just their cancellation.
            return exception as OperationCanceledException
                ?? new OperationCanceledException("The caller cancelled the LLM request.", exception, _callerToken);
        }

        return exception switch
        {
            LlmProviderException => exception,
            OperationCanceledException => LlmFailures.Timeout(_limit, exception),
            ClientResultException { Status: > 0 } failed => LlmFailures.FromClientResult(failed, _time.GetUtcNow()),
            // Status 0: no HTTP answer at all (refused, reset or unresolvable before the response headers).
            ClientResultException => LlmFailures.Network(exception.InnerException ?? exception),
            HttpRequestException => LlmFailures.Network(exception),
            // A raw IOException comes from reading a body whose headers had arrived: the stream was cut short.
            IOException => LlmFailures.Truncated(exception),
            JsonException => LlmFailures.Malformed("the body is not valid JSON.", exception),
            // The SDK's deserializer reports a well-formed body of the wrong shape (no choices, null) this way.
            _ => LlmFailures.Malformed("the body is not a chat completion.", exception),
        };
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
