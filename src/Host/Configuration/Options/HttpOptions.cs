namespace JidoSessions.Host.Configuration.Options;

/// <summary><c>jido.http</c>: the HTTP API.</summary>
public sealed record HttpOptions
{
    /// <summary><c>urls</c>: addresses to listen on; port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary><c>max-request-body</c>: larger bodies are refused with 413.</summary>
    public long MaxRequestBody { get; init; } = 1024 * 1024;

    /// <summary><c>max-message-chars</c>: longer messages are refused with 400.</summary>
    public int MaxMessageChars { get; init; } = 32_000;

    /// <summary><c>sse-heartbeat</c>: a comment line is sent this often on idle event streams.</summary>
    public TimeSpan SseHeartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>event-replay</c>: events kept per tenant for reconnecting subscribers (<c>Last-Event-ID</c>).</summary>
    public int EventReplay { get; init; } = 1024;

    /// <summary><c>subscriber-queue</c>: events queued for one slow subscriber before it is disconnected (it may reconnect and replay).</summary>
    public int SubscriberQueue { get; init; } = 4096;
}
