namespace JidoSessions.Actors.Tests.Llm;

/// <summary>
/// One scripted answer of <see cref="FakeOpenAiServer"/>. A successful reply is sent as one <c>chat.completion</c>
/// (content = all <see cref="Chunks"/> joined) or, when the request asks to stream, as one delta per chunk.
/// </summary>
public sealed record FakeOpenAiResponse
{
    /// <summary>Gets the HTTP status; anything but 200 sends an OpenAI-style error body unless <see cref="RawBody"/> is set.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>Gets the reply text pieces, one stream delta each.</summary>
    public IReadOnlyList<string> Chunks { get; init; } = [];

    /// <summary>Gets the finish reason of a complete reply.</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>Gets the model reported back; the requested model when null, as real servers do.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the reported prompt token count.</summary>
    public int PromptTokens { get; init; } = 7;

    /// <summary>Gets the reported completion token count.</summary>
    public int CompletionTokens { get; init; } = 3;

    /// <summary>Gets the error message of a non-200 answer; no error body at all when null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Gets the raw <c>Retry-After</c> header value to send, if any.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Gets a body sent verbatim instead of the generated one (malformed JSON, hand-written SSE).</summary>
    public string? RawBody { get; init; }

    /// <summary>Gets the content type of <see cref="RawBody"/>.</summary>
    public string RawContentType { get; init; } = "application/json";

    /// <summary>Gets how long the server waits before sending anything (for timeouts).</summary>
    public TimeSpan FirstByteDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Gets how a streamed reply ends.</summary>
    public FakeStreamEnding Ending { get; init; } = FakeStreamEnding.Done;

    /// <summary>
    /// Gets a task the server awaits after streaming the chunks and before ending the stream (before answering at all,
    /// when not streaming), so a test can observe
    /// a turn in flight. The wait ends early when the client disconnects or the server is disposed.
    /// </summary>
    public Task? HoldBeforeEnd { get; init; }

    /// <summary>A successful reply made of <paramref name="chunks"/>.</summary>
    public static FakeOpenAiResponse Reply(params string[] chunks) => new() { Chunks = chunks };

    /// <summary>An error status with an OpenAI-style error body and an optional <c>Retry-After</c> value.</summary>
    public static FakeOpenAiResponse Error(int statusCode, string? message = "scripted failure", string? retryAfter = null) =>
        new() { StatusCode = statusCode, ErrorMessage = message, RetryAfter = retryAfter };

    /// <summary>An answer whose body is sent verbatim, with status 200 unless <paramref name="statusCode"/> says otherwise.</summary>
    public static FakeOpenAiResponse Raw(string body, string contentType = "application/json", int statusCode = 200) =>
        new() { RawBody = body, RawContentType = contentType, StatusCode = statusCode };

    /// <summary>A stream that sends <paramref name="chunks"/> and then ends without finish reason or <c>[DONE]</c>.</summary>
    public static FakeOpenAiResponse Truncated(params string[] chunks) =>
        new() { Chunks = chunks, Ending = FakeStreamEnding.CutOff };

    /// <summary>A reply of <paramref name="chunks"/> that starts only after <paramref name="delay"/>.</summary>
    public static FakeOpenAiResponse SlowFirstByte(TimeSpan delay, params string[] chunks) =>
        new() { Chunks = chunks, FirstByteDelay = delay };
}
