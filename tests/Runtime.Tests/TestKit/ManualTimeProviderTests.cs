using JidoSessions.TestKit;

namespace JidoSessions.Runtime.Tests.TestKitTests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_FiresDueTimersInDueOrderWithTheClockAtTheirDueTime()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([("early", TimeSpan.FromSeconds(10)), ("late", TimeSpan.FromSeconds(30))], fired);
        Assert.Equal(TimeSpan.FromMinutes(1), time.GetUtcNow() - start);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriodUntilDisposed()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(7));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(4, count);
    }

    [Fact]
    public void GetElapsedTime_FollowsAdvanceOnly()
    {
        var time = new ManualTimeProvider();
        var stamp = time.GetTimestamp();

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(stamp));
    }
}
