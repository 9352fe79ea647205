namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// Answers a failed OpenAI-compatible request in OpenAI's error shape (see <see cref="OpenAiErrors"/>) instead of
/// letting it reach the problem-details middleware; a caller that went away gets nothing.
/// </summary>
internal sealed partial class OpenAiErrorFilter(ILogger<OpenAiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            if (OpenAiErrors.TryFrom(e) is { } known)
            {
                return known;
            }

            LogUnhandled(logger, e, http.Request.Method, http.Request.Path);
            return OpenAiErrors.Internal();
        }
    }
}
