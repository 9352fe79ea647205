namespace JidoSessions.Actors.Llm;

// Decides whether and how long to wait before another attempt. Delays carry no jitter on purpose: sessions are
// few per provider and deterministic delays keep retries testable and explainable in logs.
internal sealed class RetryPolicy(int maxRetries, TimeSpan initialBackoff, TimeSpan maxBackoff)
{
    // attempt is zero-based: the attempt that just failed.
    public bool ShouldRetry(LlmProviderException failure, int attempt) => attempt < maxRetries && failure.IsTransient;

    public TimeSpan DelayBeforeRetry(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } hint)
        {
            return hint <= TimeSpan.Zero ? TimeSpan.Zero : Min(hint, maxBackoff);
        }

        // Computed in double ticks so a large attempt number saturates at maxBackoff instead of overflowing.
        var ticks = initialBackoff.Ticks * Math.Pow(2, attempt);
        return ticks >= maxBackoff.Ticks ? maxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
