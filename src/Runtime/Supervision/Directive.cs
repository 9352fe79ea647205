namespace JidoSessions.Runtime;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; continue with the next message.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from Props.</summary>
    Restart,

    /// <summary>Stop the child; watchers get <see cref="Terminated"/>.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate,
}
