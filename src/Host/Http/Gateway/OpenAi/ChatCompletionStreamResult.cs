using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// A streamed chat completion: a first chunk with the role, one chunk per text delta as the model produces it, a
/// last chunk with <c>finish_reason: "stop"</c>, a usage chunk when asked for, then <c>data: [DONE]</c>. A failure
/// after the stream started is sent as <c>data: {"error":{…}}</c> and the stream ends without <c>[DONE]</c> (the
/// OpenAI SDKs raise it); before it started it is an ordinary error response. The first update has already been
/// read, so refusals never reach here. The lease is released (a one-off session ended) when the stream ends.
/// </summary>
internal sealed class ChatCompletionStreamResult(
    IAsyncEnumerator<TurnUpdate> updates, ChatSessionLease lease, ChatCompletionBuilder answer, ChatTurn turn) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cancellationToken = httpContext.RequestAborted;
        await using (lease)
        await using (updates)
        {
            var sse = await OpenAiSse.StartAsync(httpContext.Response, cancellationToken);
            try
            {
                await sse.WriteAsync(answer.Chunk(new ChatDelta(Role: "assistant", Content: "")), cancellationToken);
                do
                {
                    var update = updates.Current;
                    if (update.Completed is { } reply)
                    {
                        await FinishAsync(sse, reply, cancellationToken);
                        return;
                    }

                    if (update.Delta.Length > 0)
                    {
                        await sse.WriteAsync(answer.Chunk(new ChatDelta(Content: update.Delta)), cancellationToken);
                    }
                }
                while (await updates.MoveNextAsync());

                await FailAsync(sse, new SessionUnavailableException($"The turn in session {lease.Id} ended without a reply."), cancellationToken);
            }
            catch (SessionException e)
            {
                await FailAsync(sse, e, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller went away; the turn itself runs on and is recorded once.
            }
            catch (OperationCanceledException e)
            {
                await FailAsync(sse, new SessionUnavailableException($"The turn in session {lease.Id} took longer than the turn timeout.", e), cancellationToken);
            }
        }
    }

    private async Task FinishAsync(OpenAiSse sse, MessageReply reply, CancellationToken cancellationToken)
    {
        await sse.WriteAsync(answer.Chunk(new ChatDelta(), ChatCompletionBuilder.Stop), cancellationToken);
        if (turn.IncludeUsage)
        {
            await sse.WriteAsync(answer.UsageChunk(answer.Usage(reply.Usage, turn.Text, reply.Text)), cancellationToken);
        }

        await sse.WriteDoneAsync(cancellationToken);
    }

    private static Task FailAsync(OpenAiSse sse, SessionException exception, CancellationToken cancellationToken) =>
        sse.WriteAsync(OpenAiErrors.From(exception).Value, cancellationToken);
}
