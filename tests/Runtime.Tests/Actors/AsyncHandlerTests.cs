namespace JidoSessions.Runtime.Tests.Actors;

public sealed class AsyncHandlerTests : TestKit.TestKit
{
    [Fact]
    public async Task RunTask_WhileAwaiting_HoldsBackOtherMessagesUntilDone()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingActor(gate.Task, probe)));

        actor.Tell("slow", null);
        await probe.ExpectMsgAsync("slow:started");
        actor.Tell("fast", null);
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        gate.SetResult();

        await probe.ExpectMsgAsync("slow:done");
        await probe.ExpectMsgAsync("fast");
    }

    [Fact]
    public async Task RunTask_AfterAwait_ContextAndSenderStillValid()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingActor(gate.Task, probe)));

        probe.Send(actor, "reply-after-await");
        await probe.ExpectMsgAsync("slow:started");
        gate.SetResult();

        var reply = await probe.ExpectMsgAsync<string>();
        Assert.Equal($"replied from {actor.Path.Name}", reply);
        Assert.Equal(actor, probe.LastSender);
    }

    [Fact]
    public async Task RunTask_WhenTaskFaults_GoesToSupervisorLikeSyncFailure()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Restart), probe)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new AwaitingActor(gate.Task, probe)), "async"));

        child.Tell("fail-after-await", null);
        await probe.ExpectMsgAsync("slow:started");
        gate.SetResult();

        await probe.ExpectMsgAsync("async:postrestart:async boom");
        Assert.Equal("ping", await child.Ask<string>("ping"));
    }

    [Fact]
    public async Task RunTask_CompletedSynchronouslyWithFailure_IsSupervised()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Restart), probe)));
        var child = await parent.Ask<IActorRef>(new ParentActor.Spawn(Props.Create(() => new AwaitingActor(Task.CompletedTask, probe)), "async"));

        child.Tell("fail-sync", null);

        await probe.ExpectMsgAsync("async:postrestart:sync boom");
    }

    private sealed class AwaitingActor(Task gate, IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "slow":
                    RunTask(async () =>
                    {
                        probe.Tell("slow:started", Self);
                        await gate;
                        probe.Tell("slow:done", Self);
                    });
                    break;
                case "reply-after-await":
                    RunTask(async () =>
                    {
                        probe.Tell("slow:started", Self);
                        await gate;
                        Sender.Tell($"replied from {Self.Path.Name}", Self);
                    });
                    break;
                case "fail-after-await":
                    RunTask(async () =>
                    {
                        probe.Tell("slow:started", Self);
                        await gate;
                        throw new InvalidOperationException("async boom");
                    });
                    break;
                case "fail-sync":
                    RunTask(() => Task.FromException(new InvalidOperationException("sync boom")));
                    break;
                case "ping":
                    Sender.Tell("ping", Self);
                    break;
                default:
                    probe.Tell(message, Self);
                    break;
            }
        }

        protected override void PostRestart(Exception reason) => probe.Tell($"{Self.Path.Name}:postrestart:{reason.Message}", Self);
    }
}
