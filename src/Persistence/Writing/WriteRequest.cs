namespace JidoSessions.Persistence.Writing;

/// <summary>
/// One caller's operation waiting for the writer. The executor records a failure that concerns only this caller in
/// <see cref="Failure"/>; the writer completes the caller's task once the batch's transaction has ended.
/// </summary>
internal sealed class WriteRequest(WriteOperation operation, CancellationToken cancellationToken)
{
    // Continuations must not run on the writer loop: a slow caller would stall every other caller's commit.
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriteOperation Operation { get; } = operation;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Set by the executor when this operation alone failed and was rolled back.</summary>
    public Exception? Failure { get; set; }

    public Task Completion => _completion.Task;

    /// <summary>Reports the outcome after a successful commit: success unless <see cref="Failure"/> is set.</summary>
    public void Complete()
    {
        if (Failure is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(Failure);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
