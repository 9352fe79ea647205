namespace JidoSessions.Runtime.Tests.Ask;

public sealed class AskTests : TestKit.TestKit
{
    [Fact]
    public async Task Ask_ActorReplies_ReturnsTypedReply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var reply = await echo.Ask<string>("hello");

        Assert.Equal("hello", reply);
    }

    [Fact]
    public async Task Ask_NoReply_ThrowsAskTimeoutException()
    {
        var silent = CreateTestProbe();

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>("anyone?", TimeSpan.FromMilliseconds(100)));

        Assert.Contains(silent.Path.ToString(), error.Message);
    }

    [Fact]
    public async Task Ask_DeadActor_FailsFastWithAskTimeoutException()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        await probe.ExpectTerminatedAsync(actor);

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("hello?", TimeSpan.FromMinutes(1)));

        Assert.Contains("terminated", error.Message);
    }

    [Fact]
    public async Task Ask_ActorStopsWithMessageQueued_FailsWithoutWaitingForTimeout()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new SlowActor(gate.Task)));
        actor.Tell("block", null);

        var asking = actor.Ask<string>("queued", TimeSpan.FromMinutes(1));
        Sys.Stop(actor);
        gate.SetResult();

        await Assert.ThrowsAsync<AskTimeoutException>(() => asking.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_ReplyIsStatusFailure_ThrowsItsCause()
    {
        var probe = CreateTestProbe();

        var asking = probe.Ask<string>("request");
        await probe.ExpectMsgAsync("request");
        probe.Reply(new Status.Failure(new InvalidOperationException("no way")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => asking);
        Assert.Equal("no way", error.Message);
    }

    [Fact]
    public async Task Ask_ReplyOfWrongType_ThrowsInvalidCast()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("not an int"));
    }

    [Fact]
    public async Task Ask_Cancelled_ThrowsOperationCanceled()
    {
        var silent = CreateTestProbe();
        using var cancellation = new CancellationTokenSource();

        var asking = silent.Ask<string>("hello", TimeSpan.FromMinutes(1), cancellation.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
    }

    [Fact]
    public async Task Ask_ManyConcurrentCallers_EachGetsOwnReply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var replies = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => echo.Ask<int>(i)));

        Assert.Equal(Enumerable.Range(0, 2_000), replies);
    }

    [Fact]
    public async Task Ask_ActorFailsOnTheRequestAndRestarts_FailsFastWithAskFailedException()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Restart), null)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(null, null)), "child"));

        var error = await Assert.ThrowsAsync<AskFailedException>(() => child.Ask<int>(new InvalidOperationException("bad request"), TimeSpan.FromMinutes(1)));

        Assert.Equal("bad request", error.InnerException!.Message);
        Assert.Equal(0, await child.Ask<int>("get"));
    }

    [Fact]
    public async Task Ask_ActorFailsOnTheRequestAndIsStopped_FailsFastWithAskFailedException()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Stop), null)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new CountingActor(null, null)), "child"));

        await Assert.ThrowsAsync<AskFailedException>(() => child.Ask<int>(new InvalidOperationException("fatal request"), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task PreRestart_Sender_IsTheSenderOfTheFailedMessage()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Restart), null)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create<ApologeticActor>(), "child"));

        probe.Send(child, "explode");

        await probe.ExpectMsgAsync("sorry: explode");
    }

    private sealed class ApologeticActor : UntypedActor
    {
        protected override void OnReceive(object message) => throw new InvalidOperationException((string)message);

        protected override void PreRestart(Exception reason, object? message)
        {
            Sender.Tell($"sorry: {message}", Self);
            base.PreRestart(reason, message);
        }
    }

    private sealed class SlowActor(Task gate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "block")
            {
                RunTask(() => gate);
                return;
            }

            Sender.Tell(message, Self);
        }
    }
}
