namespace JidoSessions.Actors.Tests.Llm;

/// <summary>How <see cref="FakeOpenAiServer"/> ends a streamed reply.</summary>
public enum FakeStreamEnding
{
    /// <summary>Finish-reason chunk, usage chunk (when asked for), then <c>data: [DONE]</c>: the official shape.</summary>
    Done,

    /// <summary>Finish-reason chunk, then the body ends without <c>[DONE]</c> (some servers do this).</summary>
    FinishWithoutDone,

    /// <summary>The body ends cleanly after the content chunks: no finish reason, no <c>[DONE]</c>.</summary>
    CutOff,

    /// <summary>The connection is aborted after the content chunks.</summary>
    Reset,
}
