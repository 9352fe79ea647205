using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// Answers every failure of a request with a problem document: a <see cref="SessionException"/> by its
/// status and code, a refused body (Kestrel's limits) as 413 or 400, anything else as 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionMiddleware(RequestDelegate next, ILogger<ProblemExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var problem = ToProblem(e);
            if (problem.StatusCode >= 500)
            {
                LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            await problem.ExecuteAsync(context);
        }
    }

    public static ProblemHttpResult ToProblem(Exception exception) => exception switch
    {
        SessionException session => Problem.From(session),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
            Problem.From(new PayloadTooLargeException(tooLarge.Message)),
        BadHttpRequestException bad => Problem.Create(bad.StatusCode, ErrorCodes.ValidationFailed, bad.Message),
        TimeoutException timeout => Problem.From(new SessionUnavailableException(timeout.Message)),
        _ => Problem.Create(StatusCodes.Status500InternalServerError, HostErrorCodes.InternalError, "The server failed to handle the request; it was logged."),
    };
}
