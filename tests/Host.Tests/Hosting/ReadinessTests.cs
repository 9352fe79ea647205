using Akka.Actor;
using JidoSessions.Actors.Hosting;
using JidoSessions.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace JidoSessions.Host.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task IsReady_FollowsStartedThenStopping()
    {
        var lifetime = new Lifetime();
        var readiness = new Readiness(lifetime, new ServiceCollection().BuildServiceProvider(), TimeProvider.System);

        var beforeStart = await readiness.IsReadyAsync(CancellationToken.None);
        lifetime.Started.Cancel();
        var started = await readiness.IsReadyAsync(CancellationToken.None);
        lifetime.Stopping.Cancel();
        var stopping = await readiness.IsReadyAsync(CancellationToken.None);

        Assert.Equal((false, true, false), (beforeStart, started, stopping));
    }

    [Fact]
    public async Task IsReady_SessionSystemDown_NotReady()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddLogging();
        builder.Services.AddJidoSessionsCore(new SessionSystemOptions { Storage = new StorageOptions { Provider = StorageProvider.Memory } });
        builder.Services.AddSingleton<Readiness>();
        using var host = builder.Build();
        await host.StartAsync();
        var readiness = host.Services.GetRequiredService<Readiness>();
        var whileUp = await readiness.IsReadyAsync(CancellationToken.None);

        await host.Services.GetRequiredService<ActorSystem>().Terminate();
        time.Advance(TimeSpan.FromSeconds(2));
        var whileDown = await readiness.IsReadyAsync(CancellationToken.None);

        Assert.Equal((true, false), (whileUp, whileDown));
        await host.StopAsync();
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
