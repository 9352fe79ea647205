namespace JidoSessions.Runtime;

/// <summary>
/// How an actor treats its failing children. Immutable; an actor's strategy comes from its Props,
/// else its <see cref="ActorBase.SupervisorStrategy"/> override, else <see cref="DefaultStrategy"/>.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNrOfRetries);
        if (withinTimeRange <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "The window must be positive.");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider ?? throw new ArgumentNullException(nameof(decider));
        Backoff = backoff;
    }

    /// <summary>
    /// Akka's default decider: stop on <see cref="ActorInitializationException"/>,
    /// <see cref="ActorKilledException"/> and <see cref="DeathPactException"/>, restart on anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one with the default decider, at most 3 restarts within 5 seconds (OTP's default).</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child (used for top-level actors unless configured otherwise).</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>; one more stops it.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Delay between restarts, or null to restart at once.</summary>
    public RestartBackoff? Backoff { get; }

    /// <summary>Applies the directive to the failed child (and, for all-for-one, its siblings).</summary>
    internal abstract void HandleFailure(ActorCell supervisor, ActorCell child, Exception cause, Directive directive);

    /// <summary>Restarts <paramref name="children"/> if the failed child may restart again, else stops them.</summary>
    internal void RestartOrStop(ActorCell supervisor, ActorCell failedChild, Exception cause, IEnumerable<ActorCell> children)
    {
        var stats = failedChild.RestartStats;
        var allowed = stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, supervisor.System.TimeProvider);
        foreach (var child in children)
        {
            if (allowed)
            {
                supervisor.RestartChild(child, cause, Backoff?.DelayFor(stats.RestartCount));
            }
            else
            {
                supervisor.StopChildAfterFailure(child, cause, stats.RestartCount - 1);
            }
        }
    }
}
