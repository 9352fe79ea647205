using Microsoft.AspNetCore.Authentication;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// Requires the bearer API key, answering a missing or unknown one with 401 in OpenAI's error shape (the
/// rest of the API answers it with a problem document). The authentication middleware has already run.
/// </summary>
internal sealed class OpenAiAuthFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return await next(context);
        }

        var result = await http.AuthenticateAsync();
        http.Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return OpenAiErrors.Unauthorized(result.Failure?.Message ?? "This endpoint needs an API key: send 'Authorization: Bearer <api key>'.");
    }
}
