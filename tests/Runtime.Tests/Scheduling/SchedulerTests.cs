namespace JidoSessions.Runtime.Tests.Scheduling;

public sealed class SchedulerTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task ScheduleTellOnce_DeliversOnlyWhenTimeReachesTheDelay()
    {
        var probe = CreateTestProbe();

        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), probe, "tick", null);
        Time!.Advance(TimeSpan.FromSeconds(9));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Time.Advance(TimeSpan.FromSeconds(1));

        await probe.ExpectMsgAsync("tick");
        Time.Advance(TimeSpan.FromMinutes(1));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task ScheduleTellRepeatedly_DeliversEveryIntervalUntilCancelled()
    {
        var probe = CreateTestProbe();

        var handle = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), probe, "beat", null);
        Time!.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(["beat", "beat", "beat"], (await probe.ReceiveNAsync(3)).Cast<string>());
        handle.Cancel();
        Time.Advance(TimeSpan.FromMinutes(1));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Assert.True(handle.IsCancellationRequested);
    }

    [Fact]
    public async Task Cancel_BeforeDue_DeliversNothing()
    {
        var probe = CreateTestProbe();

        var handle = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe, "never", null);
        handle.Cancel();
        Time!.Advance(TimeSpan.FromSeconds(2));

        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }
}
