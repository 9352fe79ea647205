namespace JidoSessions.Client.Http;

/// <summary>The server refused the API key (missing, unknown or revoked): HTTP 401.</summary>
public sealed class SessionUnauthorizedException(string message)
    : SessionException(ErrorCodes.Unauthorized, 401, message);

/// <summary>The request body exceeded the server's limit: HTTP 413. Nothing changed.</summary>
public sealed class PayloadTooLargeException(string message)
    : SessionException(ErrorCodes.PayloadTooLarge, 413, message);

/// <summary>
/// The server answered with a status or error code this client does not know (for example a proxy's error
/// page, or a newer server); <see cref="SessionException.Code"/> and <see cref="SessionException.Status"/>
/// say what it was.
/// </summary>
public sealed class UnexpectedResponseException(string code, int status, string message, Exception? innerException = null)
    : SessionException(code, status, message, innerException);
