namespace JidoSessions.Runtime;

/// <summary>A handle to cancel something scheduled.</summary>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Cancels; a tell already under way may still arrive.</summary>
    void Cancel();
}

/// <summary>Delayed and periodic tells, driven by the system's <see cref="TimeProvider"/>.</summary>
public interface IScheduler : IDisposable
{
    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> once, after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Tells after <paramref name="initialDelay"/> and then every <paramref name="interval"/> until cancelled.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> on a thread-pool thread.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
