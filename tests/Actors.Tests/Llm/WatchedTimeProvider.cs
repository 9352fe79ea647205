using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace JidoSessions.Actors.Tests.Llm;

// A FakeTimeProvider that also reports every timer armed on it (creation and Change, infinite due times left out),
// so a test knows the code reached a delay or a timeout — and how long it is — before it advances the clock,
// without sleeping or polling.
internal sealed class WatchedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public WatchedTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this, base.CreateTimer(callback, state, dueTime, period));
        Armed(dueTime);
        return timer;
    }

    // Consumes armed timers in order until one matches; returns its due time.
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        while (true)
        {
            var dueTime = await _armed.Reader.ReadAsync();
            if (match(dueTime))
            {
                return dueTime;
            }
        }
    }

    public Task WaitForTimerAsync(TimeSpan dueTime) => NextTimerAsync(d => d == dueTime);

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Writer.TryWrite(dueTime);
        }
    }

    private sealed class WatchedTimer(WatchedTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
