using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Become/Unbecome, Stash, and the receive timeout.</summary>
internal sealed partial class ActorCell
{
    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public void Become(UntypedReceive receive, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var behaviours = Extras.Behaviours ??= [];
        if (discardOld && behaviours.Count > 0)
        {
            behaviours[^1] = receive;
        }
        else
        {
            behaviours.Add(receive);
        }
    }

    public void Unbecome()
    {
        var behaviours = _extras?.Behaviours;
        if (behaviours is { Count: > 0 })
        {
            behaviours.RemoveAt(behaviours.Count - 1);
        }
    }

    public void Stash()
    {
        var message = _currentMessage ?? throw new InvalidOperationException("Stash() needs a current message: call it from a message handler.");
        (Extras.Stash ??= []).Add(new Envelope(message, _currentSender));
    }

    public void UnstashAll()
    {
        var stash = _extras?.Stash;
        if (stash is not { Count: > 0 })
        {
            return;
        }

        // Stashed messages go in front of anything already waiting, oldest first.
        var unstashed = Extras.Unstashed ??= new Queue<Envelope>();
        var waiting = unstashed.Count > 0 ? unstashed.ToArray() : [];
        unstashed.Clear();
        foreach (var envelope in stash)
        {
            unstashed.Enqueue(envelope);
        }

        foreach (var envelope in waiting)
        {
            unstashed.Enqueue(envelope);
        }

        stash.Clear();
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is not { } period)
        {
            CancelReceiveTimeout();
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero, nameof(timeout));
        var extras = Extras;
        extras.ReceiveTimeout = period;
        extras.LastActivity = _system.TimeProvider.GetTimestamp();
        if (extras.ReceiveTimeoutTimer is { } timer)
        {
            timer.Change(period, Timeout.InfiniteTimeSpan);
        }
        else
        {
            extras.ReceiveTimeoutTimer = _system.TimeProvider.CreateTimer(
                static state => ((ActorCell)state!).Tell(ReceiveTimeoutTick.Instance, null),
                this,
                period,
                Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelReceiveTimeout()
    {
        if (_extras is not { } extras)
        {
            return;
        }

        extras.ReceiveTimeout = null;
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = null;
    }

    /// <summary>
    /// The timer is armed once per idle period, not per message: each message only records the time,
    /// and a tick that finds recent activity re-arms for the remainder.
    /// </summary>
    private void HandleReceiveTimeoutTick()
    {
        if (_extras is not { ReceiveTimeout: { } timeout, ReceiveTimeoutTimer: { } timer } extras)
        {
            return;
        }

        var time = _system.TimeProvider;
        var idle = time.GetElapsedTime(extras.LastActivity);
        if (idle < timeout)
        {
            timer.Change(timeout - idle, Timeout.InfiniteTimeSpan);
            return;
        }

        extras.LastActivity = time.GetTimestamp();
        timer.Change(timeout, Timeout.InfiniteTimeSpan);
        Receive(Runtime.ReceiveTimeout.Instance);
    }
}
