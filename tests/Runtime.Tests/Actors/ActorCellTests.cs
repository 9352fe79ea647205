using JidoSessions.Runtime.Events;

namespace JidoSessions.Runtime.Tests.Actors;

public sealed class ActorCellTests : TestKit.TestKit
{
    [Fact]
    public async Task Tell_ManyConcurrentSenders_NeverRunsTwoMessagesAtOnce()
    {
        var guard = new ConcurrencyGuard();
        var actor = Sys.ActorOf(Props.Create(() => new GuardedActor(guard)));
        const int senders = 16;
        const int perSender = 5_000;

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < perSender; i++)
                {
                    actor.Tell("work", null);
                }
            })));
            var processed = await actor.Ask<int>("count");

            Assert.Equal((round + 1) * senders * perSender, processed);
        }

        Assert.Equal(1, guard.MaxObserved);
    }

    [Fact]
    public async Task Tell_FromOneSender_ArrivesInSendOrder()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new RelayActor(probe)));
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                forwarder.Tell((s, i), null);
            }
        }));

        await Task.WhenAll(senders);
        var received = await probe.ReceiveNAsync(8_000);

        foreach (var group in received.Cast<(int Sender, int Index)>().GroupBy(m => m.Sender))
        {
            Assert.Equal(Enumerable.Range(0, 2_000), group.Select(m => m.Index));
        }
    }

    [Fact]
    public async Task ActorOf_DuplicateName_ThrowsInvalidActorNameException()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "twin");

        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "twin"));

        Assert.Contains("twin", error.Message);
        Assert.Equal("hi", await Sys.ActorOf(Props.Create<EchoActor>(), "other").Ask<string>("hi"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("sp ace")]
    public void ActorOf_InvalidName_Throws(string name)
    {
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));
    }

    [Fact]
    public async Task ActorOf_NameFreedAfterTermination_CanBeReused()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "reusable");
        var probe = CreateTestProbe();
        probe.Watch(first);

        Sys.Stop(first);
        await probe.ExpectTerminatedAsync(first);
        await AwaitAssertAsync(() => Assert.NotNull(Sys.ActorOf(Props.Create<EchoActor>(), "reusable")));
    }

    [Fact]
    public async Task Path_OfTopLevelActor_IsUnderUser()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        Assert.Equal($"jido://{Sys.Name}/user/echo", actor.Path.ToString());
        Assert.Equal(["user", "echo"], actor.Path.Elements);
        Assert.Equal("ping", await actor.Ask<string>("ping"));
    }

    [Fact]
    public async Task Become_ThenUnbecome_SwitchesBehaviourBack()
    {
        var actor = Sys.ActorOf(Props.Create<MoodActor>());

        var before = await actor.Ask<string>("mood");
        actor.Tell("sulk", null);
        var during = await actor.Ask<string>("mood");
        actor.Tell("cheer up", null);
        var after = await actor.Ask<string>("mood");

        Assert.Equal(["happy", "grumpy", "happy"], new[] { before, during, after });
    }

    [Fact]
    public async Task UnstashAll_AfterOpening_ReplaysStashedMessagesInOrderBeforeNewOnes()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(probe)));

        actor.Tell(1, null);
        actor.Tell(2, null);
        actor.Tell("open", null);
        actor.Tell(3, null);

        Assert.Equal([1, 2, 3], (await probe.ReceiveNAsync(3)).Cast<int>());
    }

    [Fact]
    public async Task Unhandled_Message_IsPublishedAsUnhandledMessage()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(null, null)));

        actor.Tell(42, null);

        var unhandled = await probe.ExpectMsgAsync<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    [Fact]
    public async Task Forward_KeepsOriginalSender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(echo)));

        probe.Send(forwarder, "via");

        await probe.ExpectMsgAsync("via");
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public async Task CancellationToken_WhenActorStops_IsCancelled()
    {
        var actor = Sys.ActorOf(Props.Create<TokenActor>());
        var token = await actor.Ask<CancellationToken>("token");
        Assert.False(token.IsCancellationRequested);

        Sys.Stop(actor);

        await AwaitAssertAsync(() => Assert.True(token.IsCancellationRequested));
    }

    [Fact]
    public async Task CancellationToken_WhenActorRestarts_IsCancelledAndReplaced()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Restart), null)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create<TokenActor>(), "child"));
        var before = await child.Ask<CancellationToken>("token");

        child.Tell(new InvalidOperationException("boom"), null);
        var after = await child.Ask<CancellationToken>("token");

        Assert.True(before.IsCancellationRequested);
        Assert.False(after.IsCancellationRequested);
    }

    private sealed class ConcurrencyGuard
    {
        private int _inside;
        private int _max;

        public int MaxObserved => Volatile.Read(ref _max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _inside);
            int max;
            while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref _inside);
    }

    private sealed class GuardedActor(ConcurrencyGuard guard) : UntypedActor
    {
        private int _processed;

        protected override void OnReceive(object message)
        {
            guard.Enter();
            try
            {
                if (message is "count")
                {
                    Sender.Tell(_processed, Self);
                }
                else
                {
                    // Non-atomic on purpose: a second thread inside would lose increments.
                    var seen = _processed;
                    Thread.SpinWait(20);
                    _processed = seen + 1;
                }
            }
            finally
            {
                guard.Exit();
            }
        }
    }

    private sealed class RelayActor(IActorRef target) : UntypedActor
    {
        protected override void OnReceive(object message) => target.Tell(message, Self);
    }

    private sealed class ForwardingActor(IActorRef target) : UntypedActor
    {
        protected override void OnReceive(object message) => target.Forward(message);
    }

    private sealed class MoodActor : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "mood":
                    Sender.Tell("happy", Self);
                    break;
                case "sulk":
                    Context.Become(Grumpy, discardOld: false);
                    break;
            }
        }

        private void Grumpy(object message)
        {
            switch (message)
            {
                case "mood":
                    Sender.Tell("grumpy", Self);
                    break;
                case "cheer up":
                    Context.Unbecome();
                    break;
            }
        }
    }

    private sealed class GateActor(IActorRef probe) : UntypedActor
    {
        private bool _open;

        protected override void OnReceive(object message)
        {
            if (message is "open")
            {
                _open = true;
                Context.UnstashAll();
            }
            else if (!_open)
            {
                Context.Stash();
            }
            else
            {
                probe.Tell(message, Self);
            }
        }
    }

    private sealed class TokenActor : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "token":
                    Sender.Tell(Context.CancellationToken, Self);
                    break;
                case Exception exception:
                    throw exception;
            }
        }
    }
}
