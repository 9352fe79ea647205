namespace JidoSessions.Runtime;

/// <summary>Applies Restart and Stop to all children when one fails; Resume only to the failed one.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed (counted on the failing child) within <paramref name="withinTimeRange"/>.</param>
    /// <param name="withinTimeRange">The counting window.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    /// <param name="backoff">Optional delay between restarts.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff = null)
        : base(maxNrOfRetries, withinTimeRange, decider, backoff)
    {
    }

    /// <summary>At most 3 restarts within 5 seconds.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(3, TimeSpan.FromSeconds(5), decider)
    {
    }

    internal override void HandleFailure(ActorCell supervisor, ActorCell child, Exception cause, Directive directive)
    {
        switch (directive)
        {
            case Directive.Resume:
                supervisor.ResumeChild(child);
                break;
            case Directive.Restart:
                RestartOrStop(supervisor, child, cause, supervisor.ChildCells());
                break;
            default:
                foreach (var sibling in supervisor.ChildCells())
                {
                    supervisor.StopChildAfterFailure(sibling, cause, child.RestartStats.RestartCount);
                }

                break;
        }
    }
}
