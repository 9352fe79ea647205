namespace JidoSessions.Runtime.Scheduling;

/// <summary>One <see cref="ITimer"/> per scheduled item, from the injected <see cref="TimeProvider"/>.</summary>
internal sealed class TimeProviderScheduler(TimeProvider time) : IScheduler
{
    private readonly CancellationTokenSource _disposed = new();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Start(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), once: true);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Start(initialDelay, interval, () => receiver.Tell(message, sender), once: false);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Start(delay, Timeout.InfiniteTimeSpan, action, once: true);
    }

    public void Dispose() => _disposed.Cancel();

    private ScheduledItem Start(TimeSpan delay, TimeSpan period, Action action, bool once)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        var item = new ScheduledItem(action, once, _disposed.Token);
        item.Arm(time, delay, period);
        return item;
    }

    private sealed class ScheduledItem(Action action, bool once, CancellationToken schedulerDisposed) : ICancelable
    {
        private ITimer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Arm(TimeProvider time, TimeSpan delay, TimeSpan period)
        {
            var timer = time.CreateTimer(static state => ((ScheduledItem)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested)
            {
                timer.Dispose();
                return;
            }

            timer.Change(delay, period);
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) == 0)
            {
                Volatile.Read(ref _timer)?.Dispose();
            }
        }

        private void Fire()
        {
            if (IsCancellationRequested || schedulerDisposed.IsCancellationRequested)
            {
                Cancel();
                return;
            }

            if (once)
            {
                Cancel();
            }

            action();
        }
    }
}
