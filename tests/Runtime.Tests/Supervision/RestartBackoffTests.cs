namespace JidoSessions.Runtime.Tests.Supervision;

public sealed class RestartBackoffTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public void DelayFor_GrowsExponentiallyUpToMax()
    {
        var backoff = new RestartBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        var delays = Enumerable.Range(1, 6).Select(backoff.DelayFor).ToArray();

        Assert.Equal(
            new[] { 100, 200, 400, 800, 1000, 1000 }.Select(ms => TimeSpan.FromMilliseconds(ms)),
            delays);
    }

    [Fact]
    public async Task Restart_WithBackoff_WaitsForTheDelayBeforeRestarting()
    {
        var probe = CreateTestProbe();
        var strategy = new OneForOneStrategy(5, TimeSpan.FromMinutes(1), _ => Directive.Restart,
            new RestartBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)));
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(strategy, probe)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(probe, "child")), "child"));
        await probe.ExpectMsgAsync("child:prestart");

        child.Tell(new InvalidOperationException("slow down"), null);
        await AwaitAssertAsync(() => Assert.Equal(1, Time!.ActiveTimerCount));
        Time!.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromSeconds(1));

        await probe.ExpectMsgAsync("child:prerestart:slow down");
        await probe.FishForMessageAsync<string>(m => m == "child:postrestart:slow down");
    }
}
