using JidoSessions.Runtime.Dispatch;
using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>The mailbox: enqueueing, scheduling on the thread pool, and the run loop.</summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    // _status bits. Scheduled: a thread owns the cell (queued or running); it is the consumer lock.
    private const int StatusScheduled = 1;
    private const int StatusClosed = 2;

    private readonly int _throughput;
    private int _status;
    private MailboxQueue _queue;
    private SystemMessage? _systemHead;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((Volatile.Read(ref _status) & StatusClosed) != 0)
        {
            _system.DeadLetter(message, sender, this);
            return;
        }

        _queue.Enqueue(message, sender);
        TrySchedule();
    }

    public void SendSystemMessage(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (head == ClosedQueueMarker.Instance)
            {
                HandleSystemMessageAfterClose(message);
                return;
            }

            message.Next = head;
            if (Interlocked.CompareExchange(ref _systemHead, message, head) == head)
            {
                TrySchedule();
                return;
            }
        }
    }

    /// <summary>Starts the first run, which creates the actor instance.</summary>
    internal void Start() => TrySchedule();

    void IThreadPoolWorkItem.Execute() => Dispatcher.RunChain(this);

    /// <summary>Claims the cell for one thread and queues it, unless a thread already owns it.</summary>
    private void TrySchedule()
    {
        while (true)
        {
            var status = Volatile.Read(ref _status);
            if ((status & StatusScheduled) != 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _status, status | StatusScheduled, status) != status)
            {
                continue;
            }

            if ((status & StatusClosed) != 0)
            {
                // A message raced with termination: the claimant turns what is left into dead letters.
                DrainAfterClose();
                Interlocked.And(ref _status, ~StatusScheduled);
                if (_queue.IsEmpty)
                {
                    return;
                }

                continue;
            }

            Dispatcher.Schedule(this);
            return;
        }
    }

    /// <summary>One turn on a thread: system messages, then up to the throughput budget of user messages.</summary>
    internal void Run()
    {
        var previous = _current;
        _current = this;
        try
        {
            if (_state == CellState.Created)
            {
                Create();
            }

            ProcessSystemMessages();
            ProcessUserMessages();
        }
        finally
        {
            _current = previous;
        }

        // Release, then look again: a producer that enqueued before the release saw "scheduled" and left.
        var status = Interlocked.And(ref _status, ~StatusScheduled);
        if ((status & StatusClosed) != 0 ? !_queue.IsEmpty : HasWork())
        {
            TrySchedule();
        }
    }

    private bool CanProcessUserMessages => _state == CellState.Running && !_suspended && !_awaitingTask;

    private bool HasWork() =>
        Volatile.Read(ref _systemHead) is not null ||
        (CanProcessUserMessages && (!_queue.IsEmpty || _extras?.Unstashed is { Count: > 0 }));

    private void ProcessSystemMessages()
    {
        while (Volatile.Read(ref _systemHead) is not null && (_status & StatusClosed) == 0)
        {
            var batch = Interlocked.Exchange(ref _systemHead, null);

            // The list is newest-first; process in arrival order.
            SystemMessage? ordered = null;
            while (batch is not null)
            {
                var next = batch.Next;
                batch.Next = ordered;
                ordered = batch;
                batch = next;
            }

            while (ordered is not null)
            {
                var message = ordered;
                ordered = ordered.Next;
                message.Next = null;
                if ((_status & StatusClosed) != 0)
                {
                    HandleSystemMessageAfterClose(message);
                    continue;
                }

                ProcessSystemMessage(message);
            }
        }
    }

    private void ProcessUserMessages()
    {
        var budget = _throughput;
        var first = true;
        while (CanProcessUserMessages)
        {
            if (!TryTakeUserMessage(out var envelope))
            {
                return;
            }

            // An actor woken by this one waits in the run-next slot; as this actor has more to do, let
            // another thread take the woken one instead of making it wait for our whole batch.
            if (!first)
            {
                Dispatcher.ReleaseRunNext();
            }

            first = false;
            Invoke(envelope);
            if (Volatile.Read(ref _systemHead) is not null)
            {
                ProcessSystemMessages();
            }

            if (--budget == 0)
            {
                // Fairness: the release below re-queues this cell behind other work if more is waiting.
                return;
            }
        }
    }

    private bool TryTakeUserMessage(out Envelope envelope)
    {
        var unstashed = _extras?.Unstashed;
        if (unstashed is { Count: > 0 })
        {
            envelope = unstashed.Dequeue();
            return true;
        }

        return _queue.TryDequeue(out envelope);
    }

    private void ProcessSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Terminate:
                BeginTerminate();
                break;
            case DeathWatchNotification notification:
                HandleDeathWatchNotification(notification);
                break;
            case Failed failed:
                HandleChildFailed(failed);
                break;
            case Resume:
                HandleResume();
                break;
            case Recreate recreate:
                HandleRecreate(recreate.Cause);
                break;
            case Watch watch:
                HandleWatch(watch);
                break;
            case Unwatch unwatch:
                HandleUnwatch(unwatch);
                break;
            case RunContinuation continuation:
                RunContinuationInside(continuation);
                break;
            case AsyncHandlerCompleted completed:
                HandleAsyncHandlerCompleted(completed);
                break;
        }
    }
}
