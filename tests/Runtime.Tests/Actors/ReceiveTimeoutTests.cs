namespace JidoSessions.Runtime.Tests.Actors;

public sealed class ReceiveTimeoutTests() : TestKit.TestKit(manualTime: true)
{
    [Fact]
    public async Task ReceiveTimeout_AfterIdlePeriod_IsDelivered()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(probe, TimeSpan.FromMinutes(5))));
        await actor.Ask<string>("ready");

        Time!.Advance(TimeSpan.FromMinutes(5));

        await probe.ExpectMsgAsync("timeout");
    }

    [Fact]
    public async Task ReceiveTimeout_MessageBeforeDeadline_PostponesIt()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(probe, TimeSpan.FromMinutes(5))));
        await actor.Ask<string>("ready");

        Time!.Advance(TimeSpan.FromMinutes(4));
        await actor.Ask<string>("ready");
        Time.Advance(TimeSpan.FromMinutes(4));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromMinutes(1));

        await probe.ExpectMsgAsync("timeout");
    }

    [Fact]
    public async Task SetReceiveTimeout_Null_TurnsItOff()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(probe, TimeSpan.FromMinutes(5))));
        await actor.Ask<string>("ready");

        await actor.Ask<string>("off");
        Time!.Advance(TimeSpan.FromHours(1));

        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, Time.ActiveTimerCount);
    }

    private sealed class IdleActor(IActorRef probe, TimeSpan timeout) : UntypedActor
    {
        protected override void PreStart() => Context.SetReceiveTimeout(timeout);

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case ReceiveTimeout:
                    probe.Tell("timeout", Self);
                    break;
                case "off":
                    Context.SetReceiveTimeout(null);
                    Sender.Tell("ok", Self);
                    break;
                default:
                    Sender.Tell("ok", Self);
                    break;
            }
        }
    }
}
