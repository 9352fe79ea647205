namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// The stable error codes only the HTTP host answers (the session system's own are <see cref="Client.ErrorCodes"/>);
/// docs/host.md lists every code with the condition that produces it.
/// </summary>
internal static class HostErrorCodes
{
    /// <summary>404: no endpoint answers the method and path.</summary>
    public const string NotFound = "not_found";

    /// <summary>405: the path exists but not for this method (methods are case-sensitive: <c>get</c> is not GET).</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>415: a request body whose Content-Type is not JSON.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>403: a credential that is valid but not for this endpoint (a tenant key on <c>/metrics</c>).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>429: the tenant sent more requests than <c>jido.http.rate-limit</c> allows.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>429: the tenant already has <c>jido.http.max-subscriptions</c> event streams open.</summary>
    public const string TooManySubscriptions = "too_many_subscriptions";

    /// <summary>400: the server refused the request's framing before the API saw it.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>414: the request line is over the server's limit.</summary>
    public const string UriTooLong = "uri_too_long";

    /// <summary>431: the request headers are over the server's limits.</summary>
    public const string HeadersTooLarge = "headers_too_large";

    /// <summary>500: a failure of the server itself (logged; the answer carries no internals).</summary>
    public const string InternalError = "internal_error";
}
