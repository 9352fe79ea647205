namespace JidoSessions.Actors.Tests.Support;

/// <summary>Retries an assertion until it holds or the time is up (the host runs on real time; nothing here waits for actors).</summary>
internal static class Eventually
{
    public static Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null) =>
        AwaitAssertAsync(() =>
        {
            assertion();
            return Task.CompletedTask;
        }, duration);

    public static async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null)
    {
        var max = duration ?? TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (TimeProvider.System.GetElapsedTime(started) < max)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
