using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Auth;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c> in OpenAI's format. The turn's text is the request's last user message; the
/// session's own history is the model's context, so earlier messages in the request are not replayed. The
/// session is the one of <c>X-Session-Key</c> (else <c>user</c>) under the caller's tenant, or a one-off session
/// ended after the turn. Concurrent requests with one key queue in one session (its double-texting policy
/// decides). Every answer carries the session in <c>X-Session-Id</c>.
/// </summary>
internal static class ChatCompletionsApi
{
    public const string SessionIdHeader = "X-Session-Id";

    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CompleteAsync);
        return v1;
    }

    private static async Task<Results<JsonHttpResult<ChatCompletion>, ChatCompletionStreamResult>> CompleteAsync(
        HttpContext context,
        ISessionClientFactory sessions,
        HttpOptions http,
        SessionSystemOptions system,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var turn = await ChatRequestReader.ReadAsync(context.Request, http, cancellationToken);
        var client = sessions.ForTenant(context.User.Tenant());
        var lease = await ChatSessionLease.AcquireAsync(client, turn, loggers.CreateLogger<ChatSessionLease>(), cancellationToken);
        context.Response.Headers[SessionIdHeader] = lease.Id.ToString();
        var answer = ChatCompletionBuilder.Start(time.GetUtcNow(), turn.Model ?? lease.Model ?? system.Defaults.Model);
        if (!turn.Stream)
        {
            await using (lease)
            {
                var reply = await client.SendAsync(lease.Id, turn.Text, turn.Options, cancellationToken);
                var completion = (answer with { Model = turn.Model ?? reply.Model }).Completion(reply.Text, answer.Usage(reply.Usage, turn.Text, reply.Text));
                return TypedResults.Json(completion, OpenAiJson.Options);
            }
        }

        // Wait for the first update before answering: a refusal (turn in progress, provider failure…) is then an
        // ordinary error response with its status rather than an error inside a 200 stream.
        var updates = client.SendStreamingAsync(lease.Id, turn.Text, turn.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await updates.MoveNextAsync())
            {
                throw new SessionUnavailableException($"The turn in session {lease.Id} ended without a reply.");
            }
        }
        catch
        {
            await updates.DisposeAsync();
            await lease.DisposeAsync();
            throw;
        }

        return new ChatCompletionStreamResult(updates, lease, answer, turn);
    }
}
