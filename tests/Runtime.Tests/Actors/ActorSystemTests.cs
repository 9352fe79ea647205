using JidoSessions.Runtime.Events;

namespace JidoSessions.Runtime.Tests.Actors;

public sealed class ActorSystemTests : TestKit.TestKit
{
    [Fact]
    public async Task Terminate_RunsPostStopChildrenBeforeParentAndCompletesWhenTerminated()
    {
        var probe = CreateTestProbe();
        var system = ActorSystem.Create("ordered");
        var parent = system.ActorOf(Props.Create(() => new ParentActor(null, probe)), "parent");
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new ParentActor(null, probe)), "child"));
        await child.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new ParentActor(null, probe)), "grandchild"));

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        var order = await probe.ReceiveNAsync(3);
        Assert.Equal(["grandchild:poststop", "child:poststop", "parent:poststop"], order.Cast<string>());
    }

    [Fact]
    public async Task TopLevelActor_WhenItFails_IsStoppedAndOthersKeepServing()
    {
        var probe = CreateTestProbe();
        var failing = Sys.ActorOf(Props.Create(() => new CountingActor(null, null)), "failing");
        var healthy = Sys.ActorOf(Props.Create<EchoActor>(), "healthy");
        probe.Watch(failing);

        failing.Tell(new InvalidOperationException("top-level boom"), null);

        await probe.ExpectTerminatedAsync(failing);
        Assert.Equal("still here", await healthy.Ask<string>("still here"));
        Assert.False(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Tell_ToStoppedActor_PublishesDeadLetter()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);

        actor.Tell("too late", null);

        var letter = await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("too late", letter.Message);
        Assert.Equal(actor, letter.Recipient);
    }

    [Fact]
    public async Task Stop_WithQueuedMessages_TurnsThemIntoDeadLetters()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(DeadLetter));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new BlockedActor(gate.Task, started)));

        actor.Tell("block", null);
        await started.ExpectMsgAsync("blocked");
        actor.Tell("queued-1", null);
        actor.Tell("queued-2", null);
        Sys.Stop(actor);
        gate.SetResult();

        var letters = await probe.ReceiveNAsync(2);
        Assert.Equal(["queued-1", "queued-2"], letters.Cast<DeadLetter>().Select(l => l.Message));
    }

    [Fact]
    public void Create_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("ok", new ActorSystemSettings { Throughput = 0 }));
    }

    private sealed class BlockedActor(Task gate, IActorRef started) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "block")
            {
                started.Tell("blocked", Self);
                RunTask(() => gate);
            }
        }
    }
}
