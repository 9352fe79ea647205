namespace JidoSessions.Runtime.Tests.Supervision;

public sealed class AllForOneStrategyTests : TestKit.TestKit
{
    [Fact]
    public async Task Restart_OneChildFails_RestartsAllSiblings()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new AllForOneStrategy(_ => Directive.Restart), probe)));
        var first = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(probe, "first")), "first"));
        var second = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(probe, "second")), "second"));
        first.Tell("inc", null);
        second.Tell("inc", null);
        Assert.Equal(1, await second.Ask<int>("get"));

        first.Tell(new InvalidOperationException("one"), null);

        var pending = new HashSet<string> { "first:postrestart:one", "second:postrestart:one" };
        while (pending.Count > 0)
        {
            pending.Remove(await probe.FishForMessageAsync<string>(pending.Contains));
        }

        Assert.Equal(0, await first.Ask<int>("get"));
        Assert.Equal(0, await second.Ask<int>("get"));
    }

    [Fact]
    public async Task Stop_OneChildFails_StopsAllSiblings()
    {
        var watcher = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new AllForOneStrategy(_ => Directive.Stop), null)));
        var first = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(null, null)), "first"));
        var second = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(null, null)), "second"));
        watcher.Watch(first);
        watcher.Watch(second);

        first.Tell(new InvalidOperationException("one"), null);

        var terminated = await watcher.ReceiveNAsync(2);
        Assert.Equivalent(new[] { first, second }, terminated.Cast<Terminated>().Select(t => t.ActorRef));
    }
}
