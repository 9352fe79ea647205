namespace JidoSessions.Runtime.Supervision;

/// <summary>Restarts of one child within the current window (kept on the child's cell, created on its first failure).</summary>
internal sealed class ChildRestartStats
{
    private long _windowStart;

    public int RestartCount { get; private set; }

    /// <summary>Counts a restart; false when it would exceed <paramref name="maxRetries"/> within <paramref name="window"/>.</summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan window, TimeProvider time)
    {
        var now = time.GetTimestamp();
        if (RestartCount == 0 || time.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            RestartCount = 0;
        }

        RestartCount++;
        return RestartCount <= maxRetries;
    }
}
