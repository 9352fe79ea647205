namespace JidoSessions.Runtime.Dispatch;

/// <summary>
/// Runs cells on the .NET thread pool. A cell woken by the actor running on this thread goes to a
/// per-thread "run next" slot and runs on the same thread right after it, instead of paying for a
/// thread-pool hop and a wake-up: a request/reply pair then stays hot in one core's cache. Only one
/// cell fits in the slot (a second one pushes the first to the pool), the slot is handed to the pool
/// as soon as the running actor turns to another message, and a chain is cut after
/// <see cref="MaxChain"/> hops, so nothing waits behind a busy actor or starves the pool's queue.
/// </summary>
internal static class Dispatcher
{
    private const int MaxChain = 64;

    [ThreadStatic]
    private static ActorCell? _running;

    [ThreadStatic]
    private static ActorCell? _runNext;

    /// <summary>Queues a cell that was just claimed for running.</summary>
    public static void Schedule(ActorCell cell)
    {
        var running = _running;
        if (running is null || running == cell)
        {
            // From outside any actor: prefer this thread's local queue. A cell re-queueing itself
            // (budget spent, or new mail after release) goes to the global queue, behind the others.
            ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: running is null);
            return;
        }

        var displaced = _runNext;
        _runNext = cell;
        if (displaced is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(displaced, preferLocal: true);
        }
    }

    /// <summary>Hands the run-next cell to the pool because the running actor has more to do.</summary>
    public static void ReleaseRunNext()
    {
        var next = _runNext;
        if (next is not null)
        {
            _runNext = null;
            ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: true);
        }
    }

    /// <summary>Runs <paramref name="first"/>, then whatever it woke, up to <see cref="MaxChain"/> cells.</summary>
    public static void RunChain(ActorCell first)
    {
        var cell = first;
        try
        {
            for (var hops = 0; ; hops++)
            {
                _running = cell;
                cell.Run();
                var next = _runNext;
                if (next is null)
                {
                    return;
                }

                _runNext = null;
                if (hops == MaxChain)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
                    return;
                }

                cell = next;
            }
        }
        finally
        {
            _running = null;
        }
    }
}
