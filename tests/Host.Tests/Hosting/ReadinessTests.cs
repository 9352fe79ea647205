using JidoSessions.Host.Hosting;
using Microsoft.Extensions.Hosting;

namespace JidoSessions.Host.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public void IsReady_FollowsStartedThenStopping()
    {
        var lifetime = new Lifetime();
        var readiness = new Readiness(lifetime);

        var beforeStart = readiness.IsReady;
        lifetime.Started.Cancel();
        var started = readiness.IsReady;
        lifetime.Stopping.Cancel();
        var stopping = readiness.IsReady;

        Assert.Equal((false, true, false), (beforeStart, started, stopping));
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();
    }
}
