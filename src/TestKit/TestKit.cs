using JidoSessions.Runtime;
using Xunit;

namespace JidoSessions.TestKit;

/// <summary>
/// Base class for xunit tests of actors: one <see cref="ActorSystem"/> per test (xunit makes one
/// instance per test), terminated after it; a default probe <see cref="TestActor"/>; probes,
/// <see cref="AwaitAssertAsync(Action, TimeSpan?, TimeSpan?)"/> and <see cref="WithinAsync"/>.
/// </summary>
public abstract class TestKit : IAsyncLifetime
{
    private static int _systemNumber;
    private readonly Lazy<TestProbe> _testActor;

    /// <summary>Creates the system; with <paramref name="manualTime"/>, its clock is a <see cref="ManualTimeProvider"/>.</summary>
    protected TestKit(ActorSystemSettings? settings = null, bool manualTime = false)
    {
        settings ??= ActorSystemSettings.Default;
        if (manualTime)
        {
            Time = new ManualTimeProvider();
            settings = settings with { TimeProvider = Time };
        }

        Sys = ActorSystem.Create($"test-{Interlocked.Increment(ref _systemNumber)}", settings);
        _testActor = new Lazy<TestProbe>(() => CreateTestProbe("testActor"));
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The manual clock, when the kit was created with manualTime.</summary>
    public ManualTimeProvider? Time { get; }

    /// <summary>A default probe, handy as the sender of test messages.</summary>
    public TestProbe TestActor => _testActor.Value;

    /// <summary>How long expectations and AwaitAssert wait by default.</summary>
    protected static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>A new probe.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name, DefaultTimeout);

    /// <summary>Awaits the next message of <see cref="TestActor"/>.</summary>
    public Task<T> ExpectMsgAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) =>
        TestActor.ExpectMsgAsync<T>(predicate, timeout);

    /// <summary>Fails if <see cref="TestActor"/> receives anything within the duration.</summary>
    public Task ExpectNoMsgAsync(TimeSpan? duration = null) => TestActor.ExpectNoMsgAsync(duration);

    /// <summary>Retries <paramref name="assertion"/> until it passes or <paramref name="duration"/> is over, then rethrows its last failure.</summary>
    public static Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return AwaitAssertAsync(() =>
        {
            assertion();
            return Task.CompletedTask;
        }, duration, interval);
    }

    /// <summary>Async form of <see cref="AwaitAssertAsync(Action, TimeSpan?, TimeSpan?)"/>.</summary>
    public static async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var max = duration ?? DefaultTimeout;
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (TimeProvider.System.GetElapsedTime(started) < max)
            {
                await Task.Delay(pause).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> and fails if it takes longer than <paramref name="max"/>.</summary>
    public static async Task<T> WithinAsync<T>(TimeSpan max, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var started = TimeProvider.System.GetTimestamp();
        var task = body();
        var finished = await Task.WhenAny(task, Task.Delay(max)).ConfigureAwait(false);
        if (finished != task)
        {
            throw new Xunit.Sdk.XunitException($"The block did not finish within {max}.");
        }

        var result = await task.ConfigureAwait(false);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        return elapsed <= max ? result : throw new Xunit.Sdk.XunitException($"The block took {elapsed}, more than {max}.");
    }

    /// <summary>Runs <paramref name="body"/> and fails if it takes longer than <paramref name="max"/>.</summary>
    public static Task WithinAsync(TimeSpan max, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return WithinAsync(max, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        });
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Sys.DisposeAsync().ConfigureAwait(false);
    }
}
