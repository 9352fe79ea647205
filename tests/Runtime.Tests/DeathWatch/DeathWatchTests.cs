namespace JidoSessions.Runtime.Tests.DeathWatch;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public async Task Watch_ActorThatStops_DeliversTerminated()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Watch(actor);

        actor.Tell(PoisonPill.Instance, null);

        var terminated = await probe.ExpectTerminatedAsync(actor);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Watch_ActorAlreadyDead_DeliversTerminatedAtOnce()
    {
        var first = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        first.Watch(actor);
        Sys.Stop(actor);
        await first.ExpectTerminatedAsync(actor);
        var late = CreateTestProbe();

        late.Watch(actor);

        await late.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task Unwatch_BeforeStop_DeliversNothing()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Watch(actor);
        probe.Unwatch(actor);
        var other = CreateTestProbe();
        other.Watch(actor);

        Sys.Stop(actor);

        await other.ExpectTerminatedAsync(actor);
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Terminated_Unhandled_FailsWatcherWithDeathPact()
    {
        var watcherProbe = CreateTestProbe();
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new PactActor(subject)));
        await watcher.Ask<string>("watching");
        watcherProbe.Watch(watcher);

        Sys.Stop(subject);

        await watcherProbe.ExpectTerminatedAsync(watcher);
    }

    [Fact]
    public async Task Terminated_ArrivesAfterMessagesTheDeadActorSentBeforeDying()
    {
        var probe = CreateTestProbe();
        var talker = Sys.ActorOf(Props.Create(() => new LastWordsActor(probe)));
        probe.Watch(talker);

        talker.Tell("speak", null);

        await probe.ExpectMsgAsync("last words");
        await probe.ExpectTerminatedAsync(talker);
    }

    private sealed class PactActor(IActorRef subject) : UntypedActor
    {
        protected override void PreStart() => Context.Watch(subject);

        protected override void OnReceive(object message)
        {
            if (message is "watching")
            {
                Sender.Tell("watching", Self);
                return;
            }

            Unhandled(message);
        }
    }

    private sealed class LastWordsActor(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            probe.Tell("last words", Self);
            Context.Stop(Self);
        }
    }
}
