namespace JidoSessions.Runtime.Tests.TestKitTests;

public sealed class TestProbeTests : JidoSessions.TestKit.TestKit
{
    [Fact]
    public async Task ExpectMsgAsync_WrongType_FailsNamingBothTypes()
    {
        var probe = CreateTestProbe();
        probe.Tell(42, null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => probe.ExpectMsgAsync<string>());

        Assert.Contains("String", error.Message);
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public async Task ExpectMsgAsync_NothingArrives_FailsWithTimeoutNamingTheProbe()
    {
        var probe = CreateTestProbe("quiet");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => probe.ExpectMsgAsync<string>(timeout: TimeSpan.FromMilliseconds(50)));

        Assert.Contains("Timeout", error.Message);
        Assert.Contains("quiet", error.Message);
    }

    [Fact]
    public async Task Reply_GoesToTheLastSender()
    {
        var asker = CreateTestProbe();
        var answerer = CreateTestProbe();

        asker.Send(answerer, "question");
        await answerer.ExpectMsgAsync("question");
        answerer.Reply("answer");

        await asker.ExpectMsgAsync("answer");
        Assert.Equal(answerer, asker.LastSender);
    }

    [Fact]
    public async Task Forward_KeepsTheOriginalSender()
    {
        var origin = CreateTestProbe();
        var middle = CreateTestProbe();
        var target = CreateTestProbe();

        origin.Send(middle, "pass it on");
        await middle.ExpectMsgAsync("pass it on");
        middle.Forward(target);

        await target.ExpectMsgAsync("pass it on");
        Assert.Equal(origin, target.LastSender);
    }

    [Fact]
    public async Task FishForMessageAsync_SkipsUntilTheMatch()
    {
        var probe = CreateTestProbe();
        foreach (var n in new[] { 1, 2, 3, 10, 4 })
        {
            probe.Tell(n, null);
        }

        Assert.Equal(10, await probe.FishForMessageAsync<int>(n => n > 5));
        Assert.Equal(4, await probe.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task WithinAsync_BodyTooSlow_Fails()
    {
        var never = new TaskCompletionSource();

        await Assert.ThrowsAnyAsync<Exception>(() => WithinAsync(TimeSpan.FromMilliseconds(50), () => never.Task));
    }

    [Fact]
    public async Task AwaitAssertAsync_NeverTrue_RethrowsTheLastFailure()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AwaitAssertAsync(() => Assert.Equal(1, 2), TimeSpan.FromMilliseconds(50)));

        Assert.Contains("Assert.Equal", error.Message);
    }
}
