using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Async handlers: the mailbox waits for the task; continuations run inside the actor.</summary>
internal sealed partial class ActorCell
{
    internal void RunTask(Func<Task> handler)
    {
        if (_current != this)
        {
            throw new InvalidOperationException("RunTask must be called from the actor's own message handler.");
        }

        if (_awaitingTask)
        {
            throw new InvalidOperationException("Only one RunTask per message: await everything inside one handler.");
        }

        var context = Extras.SynchronizationContext ??= new ActorSynchronizationContext(this);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = handler() ?? Task.CompletedTask;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            // Completed synchronously: a failure surfaces here, like a synchronous handler's.
            task.GetAwaiter().GetResult();
            return;
        }

        _awaitingTask = true;
        task.ContinueWith(
            static (finished, state) =>
            {
                var (cell, incarnation) = ((ActorCell, int))state!;
                cell.SendSystemMessage(new AsyncHandlerCompleted(finished, incarnation));
            },
            (this, _incarnation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void RunContinuationInside(RunContinuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_extras?.SynchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void HandleAsyncHandlerCompleted(AsyncHandlerCompleted completed)
    {
        if (completed.Incarnation != _incarnation || !_awaitingTask)
        {
            return;
        }

        _awaitingTask = false;
        var task = completed.Task;
        if (task.IsFaulted)
        {
            var exceptions = task.Exception!.InnerExceptions;
            HandleInvokeFailure(exceptions.Count == 1 ? exceptions[0] : task.Exception);
        }
        else if (task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(task));
        }

        _currentMessage = null;
        _currentSender = null;
    }
}
