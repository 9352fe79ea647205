using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Http.Events;
using JidoSessions.Host.Http.Problems;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>
/// A streamed turn as Server-Sent Events: <c>event: token</c> with <c>{"delta":"…"}</c> per delta, then
/// <c>event: done</c> with the <see cref="MessageReply"/>; a failure after the stream started is an
/// <c>event: error</c> with the problem document (before it started it is an ordinary problem response).
/// </summary>
internal sealed class TurnStreamResult(IAsyncEnumerator<TurnUpdate> updates) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        await using (updates)
        {
            var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var sse = await SseWriter.StartAsync(httpContext.Response, json, cancellationToken);
            try
            {
                do
                {
                    var update = updates.Current;
                    if (update.Completed is { } reply)
                    {
                        await sse.WriteEventAsync(null, HttpWire.DoneEvent, reply, cancellationToken);
                        return;
                    }

                    await sse.WriteEventAsync(null, HttpWire.TokenEvent, new TokenDelta(update.Delta), cancellationToken);
                }
                while (await updates.MoveNextAsync());
            }
            catch (SessionException e)
            {
                await sse.WriteEventAsync(null, HttpWire.ErrorEvent, ProblemBody(Problem.From(e)), cancellationToken);
            }
        }
    }

    private static Dictionary<string, object?> ProblemBody(ProblemHttpResult problem)
    {
        var details = problem.ProblemDetails;
        var body = new Dictionary<string, object?>(details.Extensions, StringComparer.Ordinal)
        {
            ["type"] = details.Type,
            ["title"] = details.Title,
            ["status"] = details.Status,
            ["detail"] = details.Detail,
        };
        return body;
    }
}
