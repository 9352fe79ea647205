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

    /// <summary><c>event-replay-bytes</c>: the most bytes (as sent) the replay buffer of one tenant keeps; the oldest go first.</summary>
    public long EventReplayBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary><c>subscriber-queue</c>: events queued for one slow subscriber before it is disconnected (it may reconnect and replay).</summary>
    public int SubscriberQueue { get; init; } = 4096;

    /// <summary><c>subscriber-buffer</c>: bytes (as sent) queued for one slow subscriber before it is disconnected.</summary>
    public long SubscriberBuffer { get; init; } = 1024 * 1024;

    /// <summary><c>max-subscriptions</c>: event streams one tenant may have open at once; more are refused with 429.</summary>
    public int MaxSubscriptions { get; init; } = 100;

    /// <summary><c>rate-limit.requests</c>: requests one tenant may make per <see cref="RateLimitPeriod"/> (a token bucket that size); 0 turns the limit off.</summary>
    public int RateLimitRequests { get; init; }

    /// <summary><c>rate-limit.period</c>: how often the tenant's bucket is refilled with <see cref="RateLimitRequests"/> tokens.</summary>
    public TimeSpan RateLimitPeriod { get; init; } = TimeSpan.FromSeconds(1);
}
