namespace JidoSessions.Runtime;

/// <summary>
/// An immutable recipe for an actor: how to make an instance (again, on restart), which strategy it
/// uses for its own children, and mailbox options.
/// </summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? supervisorStrategy, MailboxOptions mailbox)
    {
        Factory = factory;
        ActorType = actorType;
        SupervisorStrategy = supervisorStrategy;
        Mailbox = mailbox;
    }

    /// <summary>Makes a fresh actor instance; called at start and on every restart.</summary>
    public Func<ActorBase> Factory { get; }

    /// <summary>The actor's type, for logs.</summary>
    public Type ActorType { get; }

    /// <summary>The strategy for the actor's children; null falls back to the actor's override, then the default.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Mailbox options.</summary>
    public MailboxOptions Mailbox { get; }

    /// <summary>Props for an actor with a public parameterless constructor.</summary>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() =>
        new(static () => new TActor(), typeof(TActor), null, MailboxOptions.Default);

    /// <summary>Props from a factory; it must return a new instance each call.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(TActor), null, MailboxOptions.Default);
    }

    /// <summary>A copy that supervises children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) =>
        new(Factory, ActorType, strategy ?? throw new ArgumentNullException(nameof(strategy)), Mailbox);

    /// <summary>A copy with other mailbox options.</summary>
    public Props WithMailbox(MailboxOptions mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        if (mailbox.Throughput is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(mailbox), mailbox.Throughput, "Throughput must be at least 1.");
        }

        return new Props(Factory, ActorType, SupervisorStrategy, mailbox);
    }
}
