using JidoSessions.Client;

namespace JidoSessions.Actors.Remoting;

/// <summary>A <see cref="SessionException"/> on the wire: its code and the members its constructor needs.</summary>
internal sealed record FailureWire(
    string Code,
    int Status,
    string Message,
    SessionId? SessionId = null,
    string? SessionIdOrKey = null,
    SessionStatus? From = null,
    string? Attempted = null,
    string? Reason = null,
    string? Kind = null,
    IReadOnlyDictionary<string, string>? Errors = null)
{
    public static FailureWire Of(SessionException exception) => exception switch
    {
        SessionNotFoundException e => new(e.Code, e.Status, e.Message, SessionIdOrKey: e.SessionIdOrKey),
        InvalidTransitionException e => new(e.Code, e.Status, e.Message, e.SessionId, From: e.From, Attempted: e.Attempted),
        SessionFailedException e => new(e.Code, e.Status, e.Message, e.SessionId, Reason: e.Reason),
        TurnInProgressException e => new(e.Code, e.Status, e.Message, e.SessionId),
        TurnCancelledException e => new(e.Code, e.Status, e.Message, e.SessionId),
        TurnFailedException e => new(e.Code, e.Status, e.Message, e.SessionId, Kind: e.Kind, Reason: e.Detail),
        ValidationException e => new(e.Code, e.Status, e.Message, Errors: e.Errors),
        _ => new(exception.Code, exception.Status, exception.Message),
    };

    /// <summary>The same exception type with the same members (an unknown code keeps its code, status and message).</summary>
    public SessionException ToException() => Code switch
    {
        ErrorCodes.SessionNotFound when SessionIdOrKey is { } idOrKey => new SessionNotFoundException(idOrKey),
        ErrorCodes.InvalidTransition when SessionId is { } id && From is { } from => new InvalidTransitionException(id, from, Attempted ?? ""),
        ErrorCodes.SessionFailed when SessionId is { } id => new SessionFailedException(id, Reason ?? ""),
        ErrorCodes.TurnInProgress when SessionId is { } id => new TurnInProgressException(id),
        ErrorCodes.TurnCancelled when SessionId is { } id => new TurnCancelledException(id),
        ErrorCodes.TurnFailed when SessionId is { } id => new TurnFailedException(id, Kind ?? "", Reason ?? ""),
        ErrorCodes.ValidationFailed when Errors is { } errors => new ValidationException(errors),
        ErrorCodes.Unavailable => new SessionUnavailableException(Message),
        _ => new RemoteSessionException(Code, Status, Message),
    };
}

/// <summary>A typed failure from another node whose code this node does not know (a newer version's).</summary>
public sealed class RemoteSessionException(string code, int status, string message) : SessionException(code, status, message);
