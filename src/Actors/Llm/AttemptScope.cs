using System.Text.Json;

namespace JidoSessions.Actors.Llm;

// One HTTP attempt: combines the caller's token with the attempt's timeout (driven by the injected TimeProvider)
// and turns whatever the transport throws into either caller cancellation or a typed LlmProviderException.
internal sealed class AttemptScope : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public AttemptScope(TimeSpan limit, TimeProvider timeProvider, CancellationToken callerToken)
    {
        _limit = limit;
        _callerToken = callerToken;
        _timeout = new CancellationTokenSource(limit, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    // Streaming re-arms the limit before each read so it bounds silence, not the length of the whole generation.
    public void RestartTimeout() => _timeout.CancelAfter(_limit);

    // Called once a piece of the stream arrived: time the caller spends between reads is not the provider's silence.
    public void PauseTimeout() => _timeout.CancelAfter(Timeout.InfiniteTimeSpan);

    // The caller's own cancellation is left alone so it propagates unchanged; transport and parsing failures are not.
    public bool ShouldTranslate(Exception exception) =>
        exception is HttpRequestException or IOException or JsonException
            || (exception is OperationCanceledException && !_callerToken.IsCancellationRequested);

    // streamBody: the failure happened while reading an already started stream, so a lost connection means the
    // stream was cut short rather than that the provider was unreachable.
    public Exception Translate(Exception exception, bool streamBody)
    {
        if (_callerToken.IsCancellationRequested)
        {
            // Cancelling can surface as a torn connection; to the caller it is still just their cancellation.
            return new OperationCanceledException("The caller cancelled the LLM request.", exception, _callerToken);
        }

        return exception switch
        {
            // Our own timeout, or HttpClient.Timeout when that is the shorter one: both mean the provider was too slow.
            OperationCanceledException => LlmFailures.Timeout(_limit, exception),
            JsonException => LlmFailures.Malformed("the body is not valid JSON.", exception),
            HttpRequestException or IOException when streamBody => LlmFailures.Truncated(exception),
            _ => LlmFailures.Network(exception),
        };
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
