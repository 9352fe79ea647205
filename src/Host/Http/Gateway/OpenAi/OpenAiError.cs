using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record OpenAiErrorResponse(OpenAiError Error);

/// <summary>
/// One error. <see cref="Type"/> is <c>invalid_request_error</c> for what the caller can change (4xx) and
/// <c>server_error</c> for 5xx; <see cref="Code"/> is JidoSessions' stable error code (<c>turn_failed</c>,
/// <c>turn_in_progress</c>, …); <see cref="Param"/> names the offending field of a 400.
/// </summary>
internal sealed record OpenAiError(string Message, string Type, string? Param, string? Code);

/// <summary>
/// Builds OpenAI error answers. These endpoints answer in OpenAI's error shape, not problem details, because the
/// OpenAI SDKs and tools read <c>error.message</c> (and raise it) from exactly this shape, in bodies and in streams.
/// </summary>
internal static class OpenAiErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";

    public static JsonHttpResult<OpenAiErrorResponse> From(SessionException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Create(exception.Status, exception.Code, exception.Message, (exception as ValidationException)?.Errors.Keys.FirstOrDefault());
    }

    public static JsonHttpResult<OpenAiErrorResponse> Unauthorized(string message) =>
        Create(StatusCodes.Status401Unauthorized, "invalid_api_key", message, null);

    public static JsonHttpResult<OpenAiErrorResponse> Internal() =>
        Create(StatusCodes.Status500InternalServerError, Problems.HostErrorCodes.InternalError, "The server failed to handle the request; it was logged.", null);

    /// <summary>The error of an exception a handler let escape; null for one that is a bug (answered as 500 and logged).</summary>
    public static JsonHttpResult<OpenAiErrorResponse>? TryFrom(Exception exception) => exception switch
    {
        SessionException session => From(session),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => From(new PayloadTooLargeException(tooLarge.Message)),
        BadHttpRequestException bad => Create(bad.StatusCode, ErrorCodes.ValidationFailed, bad.Message, null),
        TimeoutException timeout => From(new SessionUnavailableException(timeout.Message)),
        _ => null,
    };

    public static JsonHttpResult<OpenAiErrorResponse> Create(int status, string code, string message, string? param) =>
        TypedResults.Json(new OpenAiErrorResponse(new OpenAiError(message, TypeOf(status), param, code)), OpenAiJson.Options, statusCode: status);

    private static string TypeOf(int status) => status >= 500 ? ServerError : InvalidRequest;
}
