using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Runtime;

/// <summary>Settings of an <see cref="ActorSystem"/>; immutable.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>The defaults.</summary>
    public static readonly ActorSystemSettings Default = new();

    /// <summary>Where the runtime logs (failures at Error, dead letters at Debug).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock behind the scheduler, receive timeouts, restart windows and ask timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>User messages an actor processes per turn before yielding its thread (fairness).</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>Timeout for an Ask that names none.</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How top-level actors (children of /user) are supervised. The default stops a failing top-level
    /// actor and logs it, so no failure can take the system down; Escalate is treated as Stop.
    /// </summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.StoppingStrategy;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(GuardianSupervisorStrategy);
        if (Throughput < 1)
        {
            throw new ArgumentException($"{nameof(Throughput)} must be at least 1 (was {Throughput}).");
        }

        if (DefaultAskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DefaultAskTimeout)} must be positive (was {DefaultAskTimeout}).");
        }
    }
}
