namespace JidoSessions.Runtime;

/// <summary>How an actor's mailbox is run.</summary>
/// <param name="Throughput">
/// User messages processed per turn on a thread before the actor yields the thread to others
/// (fairness); null uses <see cref="ActorSystemSettings.Throughput"/>.
/// </param>
public sealed record MailboxOptions(int? Throughput = null)
{
    /// <summary>Defaults taken from the system settings.</summary>
    public static readonly MailboxOptions Default = new();
}
