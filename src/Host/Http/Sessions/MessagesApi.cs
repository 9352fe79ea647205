using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Configuration.Options;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>Turns: send a message (JSON reply or streamed as SSE), cancel the turn, read the history.</summary>
internal static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder v1)
    {
        var session = v1.MapGroup("/sessions/{id}").WithTags("Messages");
        session.MapPost("/messages", SendAsync);
        session.MapPost("/turn/cancel", CancelTurnAsync);
        session.MapGet("/history", HistoryAsync);
        return v1;
    }

    private static async Task<Results<Ok<MessageReply>, TurnStreamResult>> SendAsync(
        string id, HttpRequest request, ISessionClient client, RequestBody body, HttpOptions http, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var stream = ParseStream(request.Query["stream"].ToString());
        var read = await body.ReadAsync<MessageRequest>(request, cancellationToken);
        var message = read.Message;
        var options = read.Options ?? TurnOptions.None;
        try
        {
            options.Validate();
        }
        catch (ValidationException e)
        {
            throw new ValidationException(e.Errors.ToDictionary(kv => "options." + kv.Key, kv => kv.Value));
        }

        var results = read.ToolResults;
        if (results is not null)
        {
            if (message is not null)
            {
                throw ValidationException.For("toolResults", "comes instead of a message: send one or the other");
            }

            if (ToolRules.Problem(results) is { } problem)
            {
                throw ValidationException.For("toolResults", problem);
            }
        }
        else if (string.IsNullOrWhiteSpace(message))
        {
            throw ValidationException.For("message", message is null ? "is required (or toolResults)" : "must not be empty");
        }
        else if (message.Length > http.MaxMessageChars)
        {
            throw ValidationException.For("message", $"must be at most {http.MaxMessageChars} characters (was {message.Length})");
        }

        if (!stream)
        {
            return TypedResults.Ok(results is null
                ? await client.SendAsync(sessionId, message!, options, cancellationToken)
                : await client.SendToolResultsAsync(sessionId, results, options, cancellationToken));
        }

        // Wait for the first update before answering: a refusal (unknown session, turn in progress…) is then
        // an ordinary problem response rather than an error event.
        var updates = (results is null
            ? client.SendStreamingAsync(sessionId, message!, options, cancellationToken)
            : client.SendToolResultsStreamingAsync(sessionId, results, options, cancellationToken)).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await updates.MoveNextAsync())
            {
                throw new SessionUnavailableException($"The turn in session {sessionId} ended without a reply.");
            }
        }
        catch
        {
            await updates.DisposeAsync();
            throw;
        }

        return new TurnStreamResult(updates);
    }

    private static async Task<Ok<CancelTurnResponse>> CancelTurnAsync(string id, ISessionClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CancelTurnResponse(await client.CancelTurnAsync(SessionRoutes.Id(id), cancellationToken)));

    /// <summary>The visible messages; with <c>view=audit</c> every stored message, rewind and fork origin.</summary>
    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, Ok<IReadOnlyList<HistoryAuditEntry>>>> HistoryAsync(
        string id, HttpRequest request, ISessionClient client, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        return request.Query["view"].ToString() switch
        {
            "" => TypedResults.Ok(await client.GetHistoryAsync(sessionId, cancellationToken)),
            "audit" => TypedResults.Ok(await client.GetHistoryAuditAsync(sessionId, cancellationToken)),
            _ => throw ValidationException.For("view", "must be 'audit' or absent"),
        };
    }

    private static bool ParseStream(string text) => text.ToLowerInvariant() switch
    {
        "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw ValidationException.For("stream", "must be true or false"),
    };
}
