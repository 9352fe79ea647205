namespace JidoSessions.Host.Tests.Support;

/// <summary>Retries an assertion until it holds or the time is up (the host runs on real time; nothing here waits for actors).</summary>
internal static class Eventually
{
    public static async Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null)
    {
        var max = duration ?? TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (TimeProvider.System.GetElapsedTime(started) < max)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
