namespace JidoSessions.Runtime;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed per child within <paramref name="withinTimeRange"/>.</param>
    /// <param name="withinTimeRange">The counting window.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    /// <param name="backoff">Optional delay between restarts.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff = null)
        : base(maxNrOfRetries, withinTimeRange, decider, backoff)
    {
    }

    /// <summary>At most 3 restarts within 5 seconds.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
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
                RestartOrStop(supervisor, child, cause, [child]);
                break;
            default:
                supervisor.StopChildAfterFailure(child, cause, child.RestartStats.RestartCount);
                break;
        }
    }
}
