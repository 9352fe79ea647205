namespace JidoSessions.Client;

/// <summary>
/// Base of every typed failure a session client reports. <see cref="Code"/> is stable (it is the
/// problem-details <c>code</c> over HTTP) and <see cref="Status"/> is the HTTP status it maps to.
/// </summary>
public abstract class SessionException(string code, int status, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Stable machine-readable error code, e.g. <c>session_not_found</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The HTTP status this failure maps to.</summary>
    public int Status { get; } = status;
}

/// <summary>No session with this id exists for the caller's tenant (unknown, ended, or another tenant's).</summary>
public sealed class SessionNotFoundException(string sessionIdOrKey)
    : SessionException(ErrorCodes.SessionNotFound, 404, $"Session '{sessionIdOrKey}' was not found.")
{
    /// <summary>The id or key that was looked up.</summary>
    public string SessionIdOrKey { get; } = sessionIdOrKey;
}

/// <summary>The request is not valid in the session's current status (e.g. a message to a terminating session).</summary>
public sealed class InvalidTransitionException(SessionId sessionId, SessionStatus from, string attempted)
    : SessionException(ErrorCodes.InvalidTransition, 409, $"Session {sessionId} is {from}; cannot {attempted}.")
{
    /// <summary>The session.</summary>
    public SessionId SessionId { get; } = sessionId;

    /// <summary>Its status.</summary>
    public SessionStatus From { get; } = from;

    /// <summary>What was attempted.</summary>
    public string Attempted { get; } = attempted;
}

/// <summary>The session has failed (its agent or context kept crashing); its data is kept.</summary>
public sealed class SessionFailedException(SessionId sessionId, string reason)
    : SessionException(ErrorCodes.SessionFailed, 409, $"Session {sessionId} has failed: {reason}")
{
    /// <summary>The session.</summary>
    public SessionId SessionId { get; } = sessionId;

    /// <summary>Why it failed.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A message was sent mid-turn to a session whose double-texting policy is Reject.</summary>
public sealed class TurnInProgressException(SessionId sessionId)
    : SessionException(ErrorCodes.TurnInProgress, 409, $"Session {sessionId} is in the middle of a turn and rejects new messages until it ends.")
{
    /// <summary>The session.</summary>
    public SessionId SessionId { get; } = sessionId;
}

/// <summary>The turn was cancelled (by a cancel request or an interrupting message) before it completed.</summary>
public sealed class TurnCancelledException(SessionId sessionId)
    : SessionException(ErrorCodes.TurnCancelled, 409, $"The turn in session {sessionId} was cancelled.")
{
    /// <summary>The session.</summary>
    public SessionId SessionId { get; } = sessionId;
}

/// <summary>The model provider failed this turn; nothing was appended and the session stays usable.</summary>
public sealed class TurnFailedException(SessionId sessionId, string kind, string detail, Exception? innerException = null)
    : SessionException(ErrorCodes.TurnFailed, 502, $"The model failed the turn in session {sessionId} ({kind}): {detail}", innerException)
{
    /// <summary>The session.</summary>
    public SessionId SessionId { get; } = sessionId;

    /// <summary>The failure class (e.g. RateLimited, ServerError, Timeout).</summary>
    public string Kind { get; } = kind;

    /// <summary>What the provider reported.</summary>
    public string Detail { get; } = detail;
}

/// <summary>Input was rejected; nothing changed. <see cref="Errors"/> maps each bad field to what is wrong.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string> errors)
    : SessionException(ErrorCodes.ValidationFailed, 400, "Invalid request: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value}")))
{
    /// <summary>Field → problem.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    /// <summary>One bad field.</summary>
    public static ValidationException For(string field, string problem) => new(new Dictionary<string, string> { [field] = problem });
}

/// <summary>The server could not answer in time or is shutting down; the request may or may not have taken effect.</summary>
public sealed class SessionUnavailableException(string message, Exception? innerException = null)
    : SessionException(ErrorCodes.Unavailable, 503, message, innerException);

/// <summary>The stable error codes.</summary>
public static class ErrorCodes
{
    /// <summary>404.</summary>
    public const string SessionNotFound = "session_not_found";

    /// <summary>409.</summary>
    public const string InvalidTransition = "invalid_transition";

    /// <summary>409.</summary>
    public const string SessionFailed = "session_failed";

    /// <summary>409.</summary>
    public const string TurnInProgress = "turn_in_progress";

    /// <summary>409.</summary>
    public const string TurnCancelled = "turn_cancelled";

    /// <summary>502.</summary>
    public const string TurnFailed = "turn_failed";

    /// <summary>400.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>503.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>401 (HTTP only).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>413 (HTTP only).</summary>
    public const string PayloadTooLarge = "payload_too_large";
}
