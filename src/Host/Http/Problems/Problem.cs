using JidoSessions.Client;
using JidoSessions.Client.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// Builds problem documents (RFC 9457, <c>application/problem+json</c>): <c>type</c> (<c>urn:jido:error:&lt;code&gt;</c>),
/// <c>title</c>, <c>status</c>, <c>detail</c>, the stable <c>code</c> and, per error, the members the HTTP client
/// needs to rebuild the typed exception (<c>errors</c>, <c>sessionId</c>, <c>from</c>, …).
/// </summary>
internal static class Problem
{
    public static ProblemHttpResult From(SessionException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (exception)
        {
            case ValidationException validation:
                extensions["errors"] = validation.Errors;
                break;
            case SessionNotFoundException notFound:
                extensions["sessionIdOrKey"] = notFound.SessionIdOrKey;
                break;
            case InvalidTransitionException transition:
                extensions["sessionId"] = transition.SessionId.ToString();
                extensions["from"] = transition.From.ToString();
                extensions["attempted"] = transition.Attempted;
                break;
            case SessionFailedException failed:
                extensions["sessionId"] = failed.SessionId.ToString();
                extensions["reason"] = failed.Reason;
                break;
            case TurnFailedException turnFailed:
                extensions["sessionId"] = turnFailed.SessionId.ToString();
                extensions["kind"] = turnFailed.Kind;
                extensions["reason"] = turnFailed.Detail;
                break;
            case TurnInProgressException inProgress:
                extensions["sessionId"] = inProgress.SessionId.ToString();
                break;
            case TurnCancelledException cancelled:
                extensions["sessionId"] = cancelled.SessionId.ToString();
                break;
            default:
                break;
        }

        return Create(exception.Status, exception.Code, exception.Message, extensions);
    }

    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["code"] = code };
        return TypedResults.Problem(detail, statusCode: status, title: Title(code, status), type: HttpWire.ProblemTypePrefix + code, extensions: members);
    }

    public static ProblemHttpResult Validation(string field, string problem) => From(ValidationException.For(field, problem));

    public static string Title(string code, int status) => code switch
    {
        ErrorCodes.SessionNotFound => "Session not found",
        ErrorCodes.InvalidTransition => "Invalid in the session's status",
        ErrorCodes.SessionFailed => "Session failed",
        ErrorCodes.TurnInProgress => "Turn in progress",
        ErrorCodes.TurnCancelled => "Turn cancelled",
        ErrorCodes.TurnFailed => "Model failure",
        ErrorCodes.ValidationFailed => "Invalid request",
        ErrorCodes.Unavailable => "Unavailable",
        ErrorCodes.Unauthorized => "Unauthorized",
        ErrorCodes.PayloadTooLarge => "Payload too large",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
