using JidoSessions.Host.Http.Problems;

namespace JidoSessions.Host.Http.Routing;

/// <summary>
/// HTTP methods are case-sensitive (RFC 9110 §9.1), but routing matches them ignoring case, so <c>get</c> would
/// be served as GET. A method with a lower-case letter is no method of this API: 405, like any unknown method.
/// </summary>
internal sealed class CaseSensitiveMethodMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        if (!method.Any(char.IsLower))
        {
            return next(context);
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } allowed)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
        }

        return Problem.Create(
                StatusCodes.Status405MethodNotAllowed,
                HostErrorCodes.MethodNotAllowed,
                $"'{method}' is not a method of this API: methods are case-sensitive ({method.ToUpperInvariant()} is one).")
            .ExecuteAsync(context);
    }
}
