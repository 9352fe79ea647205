namespace JidoSessions.Runtime.Tests.Supervision;

public sealed class OneForOneStrategyTests : TestKit.TestKit
{
    private async Task<(IActorRef Parent, IActorRef Child)> SpawnAsync(SupervisorStrategy strategy, IActorRef reporter)
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(strategy, reporter)), "parent");
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(reporter, "child")), "child"));
        return (parent, child);
    }

    [Fact]
    public async Task Resume_AfterFailure_KeepsState()
    {
        var probe = CreateTestProbe();
        var (_, child) = await SpawnAsync(new OneForOneStrategy(_ => Directive.Resume), probe);
        await probe.ExpectMsgAsync("child:prestart");
        child.Tell("inc", null);
        child.Tell("inc", null);

        child.Tell(new InvalidOperationException("oops"), null);
        child.Tell("inc", null);

        Assert.Equal(3, await child.Ask<int>("get"));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Restart_AfterFailure_ResetsStateAndRunsHooksInOrder()
    {
        var probe = CreateTestProbe();
        var (_, child) = await SpawnAsync(new OneForOneStrategy(_ => Directive.Restart), probe);
        await probe.ExpectMsgAsync("child:prestart");
        child.Tell("inc", null);

        child.Tell(new InvalidOperationException("oops"), null);

        await probe.ExpectMsgAsync("child:prerestart:oops");
        await probe.ExpectMsgAsync("child:poststop");
        await probe.ExpectMsgAsync("child:postrestart:oops");
        await probe.ExpectMsgAsync("child:prestart");
        Assert.Equal(0, await child.Ask<int>("get"));
    }

    [Fact]
    public async Task Stop_AfterFailure_DeliversTerminatedToWatchers()
    {
        var probe = CreateTestProbe();
        var (_, child) = await SpawnAsync(new OneForOneStrategy(_ => Directive.Stop), probe);
        await probe.ExpectMsgAsync("child:prestart");
        var watcher = CreateTestProbe();
        watcher.Watch(child);

        child.Tell(new InvalidOperationException("fatal"), null);

        await probe.ExpectMsgAsync("child:poststop");
        await watcher.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Escalate_FailureReachesGrandparentWhichRestartsTheParent()
    {
        var probe = CreateTestProbe();
        var grandparent = Sys.ActorOf(Props.Create(() => new ParentActor(
            new OneForOneStrategy(e => { probe.Tell($"grandparent decides on {e.Message}", null); return Directive.Restart; }), probe)), "grandparent");
        var parent = await grandparent.Ask<IActorRef>(new ParentActor.Spawn(
            Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Escalate), probe)), "parent"));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(probe, "child")), "child"));
        await probe.ExpectMsgAsync("child:prestart");
        var watcher = CreateTestProbe();
        watcher.Watch(child);

        child.Tell(new InvalidOperationException("deep"), null);

        await probe.ExpectMsgAsync("grandparent decides on deep");
        await watcher.ExpectTerminatedAsync(child);
        Assert.Equal("alive", await Sys.ActorOf(Props.Create<EchoActor>()).Ask<string>("alive"));
    }

    [Fact]
    public async Task Restart_WhenRetriesExceededInWindow_StopsChild()
    {
        var probe = CreateTestProbe();
        var (_, child) = await SpawnAsync(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), probe);
        var watcher = CreateTestProbe();
        watcher.Watch(child);

        for (var i = 1; i <= 2; i++)
        {
            child.Tell(new InvalidOperationException($"fail {i}"), null);
            await probe.FishForMessageAsync<string>(m => m == $"child:postrestart:fail {i}");
        }

        child.Tell(new InvalidOperationException("fail 3"), null);

        await watcher.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Kill_WithDefaultDecider_StopsTheChild()
    {
        var probe = CreateTestProbe();
        var (_, child) = await SpawnAsync(SupervisorStrategy.DefaultStrategy, probe);
        var watcher = CreateTestProbe();
        watcher.Watch(child);

        child.Tell(Kill.Instance, null);

        await watcher.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task PoisonPill_ProcessesQueuedMessagesFirstThenStops()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(probe, "pill")));
        await probe.ExpectMsgAsync("pill:prestart");
        probe.Watch(actor);

        actor.Tell("inc", null);
        actor.Tell("inc", null);
        probe.Send(actor, "get");
        actor.Tell(PoisonPill.Instance, null);

        Assert.Equal(2, await probe.ExpectMsgAsync<int>());
        await probe.ExpectMsgAsync("pill:poststop");
        await probe.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public void Constructor_InvalidWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneForOneStrategy(3, TimeSpan.Zero, _ => Directive.Stop));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneForOneStrategy(-1, TimeSpan.FromSeconds(1), _ => Directive.Stop));
    }

    [Fact]
    public void DefaultDecider_MapsAkkaDefaults()
    {
        var actor = Sys.DeadLetters;

        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException("k")));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new DeathPactException(actor)));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorInitializationException(actor, "init", new Exception())));
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new InvalidOperationException()));
    }
}
