using JidoSessions.Client;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// The session state machine as a pure function.
/// <code>
///   Initializing ──► Active ◄──► Idle
///        │             │          │
///        └─────────────┴────┬─────┘
///                           ▼
///                      Terminating ──► Terminated
///   any live state ──► Failed ──► Terminating (a failed session can still be ended)
/// </code>
/// </summary>
internal static class SessionTransitions
{
    /// <summary>True when <paramref name="from"/> → <paramref name="to"/> is a legal move.</summary>
    public static bool IsAllowed(SessionStatus from, SessionStatus to) => (from, to) switch
    {
        (SessionStatus.Initializing, SessionStatus.Active) => true,
        (SessionStatus.Active, SessionStatus.Idle) => true,
        (SessionStatus.Idle, SessionStatus.Active) => true,
        (SessionStatus.Initializing or SessionStatus.Active or SessionStatus.Idle or SessionStatus.Failed, SessionStatus.Terminating) => true,
        (SessionStatus.Terminating, SessionStatus.Terminated) => true,
        (SessionStatus.Initializing or SessionStatus.Active or SessionStatus.Idle, SessionStatus.Failed) => true,
        _ => false,
    };

    /// <summary>Returns <paramref name="to"/> or throws <see cref="InvalidTransitionException"/>.</summary>
    public static SessionStatus Move(SessionId id, SessionStatus from, SessionStatus to) =>
        IsAllowed(from, to) ? to : throw new InvalidTransitionException(id, from, $"move to {to}");

    /// <summary>Whether a session in <paramref name="status"/> serves turns and config changes.</summary>
    public static bool IsLive(SessionStatus status) => status is SessionStatus.Initializing or SessionStatus.Active or SessionStatus.Idle;
}
