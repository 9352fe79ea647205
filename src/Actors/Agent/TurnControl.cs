namespace JidoSessions.Actors.Agent;

/// <summary>
/// The race between ending a turn early and committing it, decided once. The agent calls
/// <see cref="TryCancel"/>; the turn's task calls <see cref="TryBeginCommit"/> after the model answered.
/// Whoever gets there first wins, so a cancelled turn is never appended as a normal turn, and a turn whose
/// append has started is never reported as cancelled. Thread-safe.
/// </summary>
/// <remarks>
/// <code>
///            TryBeginCommit
///   Running ───────────────▶ Committing   (append runs; cancel is too late)
///      │ TryCancel(interrupt)
///      ├───────────────────▶ Cancelled    (nothing appended)
///      └───────────────────▶ Interrupted  (what was said so far is appended, marked)
/// </code>
/// </remarks>
internal sealed class TurnControl : IDisposable
{
    private const int Running = 0;
    private const int Committing = 1;
    private const int Cancelled = 2;
    private const int Interrupted = 3;

    private readonly CancellationTokenSource _cancellation;
    private int _state;

    /// <summary>Creates the control; the turn also ends when <paramref name="stopped"/> is cancelled (the agent stopped).</summary>
    public TurnControl(CancellationToken stopped) => _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopped);

    /// <summary>Cancelled when the turn is cancelled, interrupted, or the agent stops.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>True once an interrupting message ended the turn.</summary>
    public bool IsInterrupted => Volatile.Read(ref _state) == Interrupted;

    /// <summary>Ends the turn unless its append has begun; true if this call ended it.</summary>
    public bool TryCancel(bool interrupt)
    {
        if (Interlocked.CompareExchange(ref _state, interrupt ? Interrupted : Cancelled, Running) != Running)
        {
            return false;
        }

        _cancellation.Cancel();
        return true;
    }

    /// <summary>Claims the turn for its append; false when it was cancelled or interrupted first.</summary>
    public bool TryBeginCommit() => Interlocked.CompareExchange(ref _state, Committing, Running) == Running;

    /// <inheritdoc />
    public void Dispose() => _cancellation.Dispose();
}
