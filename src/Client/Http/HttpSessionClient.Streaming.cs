using System.Runtime.CompilerServices;
using System.Text.Json;

namespace JidoSessions.Client.Http;

public sealed partial class HttpSessionClient
{
    /// <inheritdoc />
    /// <remarks>
    /// Reads <c>POST /v1/sessions/{id}/messages?stream=true</c>: one update per <c>token</c> event, then the
    /// completed reply from the <c>done</c> event; an <c>error</c> event is thrown as its typed exception.
    /// </remarks>
    public IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        SendStreamingAsync(id, message, TurnOptions.None, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default) =>
        StreamTurnAsync(id, Request(message, options), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TurnUpdate> SendToolResultsStreamingAsync(
        SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamTurnAsync(id, Request(results, options ?? TurnOptions.None), cancellationToken);

    private async IAsyncEnumerable<TurnUpdate> StreamTurnAsync(SessionId id, MessageRequest body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            HttpMethod.Post, Session(id, "messages") + "?stream=true", body, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!IsEventStream(response))
        {
            throw NotAnEventStream(response);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var sse in SseReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            switch (sse.Type)
            {
                case HttpWire.TokenEvent:
                    yield return new TurnUpdate(Deserialize<TokenDelta>(sse).Delta, null);
                    break;
                case HttpWire.DoneEvent:
                    yield return new TurnUpdate("", Deserialize<MessageReply>(sse));
                    yield break;
                case HttpWire.ErrorEvent:
                    throw ProblemMapper.FromProblem(500, sse.Data);
                default:
                    break;
            }
        }

        throw new SessionUnavailableException($"The server closed the stream of the turn in session {id} before it completed.");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads <c>GET /v1/events</c> or <c>GET /v1/sessions/{id}/events</c>. The returned task completes when the
    /// server has answered with its headers, which it sends only after registering the subscription. If the
    /// connection drops, the subscription reconnects with <c>Last-Event-ID</c> so the server replays what was
    /// missed from its buffer; it gives up (throwing <see cref="SessionUnavailableException"/>) after three
    /// failed attempts in a row.
    /// </remarks>
    public async Task<SessionSubscription> SubscribeAsync(SessionId? id = null, CancellationToken cancellationToken = default)
    {
        var path = id is { } sessionId ? Session(sessionId, "events") : "v1/events";
        var response = await OpenEventStreamAsync(path, null, cancellationToken).ConfigureAwait(false);
        return new HttpSessionSubscription(response, (lastEventId, token) => OpenEventStreamAsync(path, lastEventId, token), _json);
    }

    private async Task<HttpResponseMessage> OpenEventStreamAsync(string path, string? lastEventId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken, lastEventId).ConfigureAwait(false);
        if (!IsEventStream(response))
        {
            using (response)
            {
                throw NotAnEventStream(response);
            }
        }

        return response;
    }

    private T Deserialize<T>(SseEvent sse)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(sse.Data, _json)
                ?? throw new UnexpectedResponseException("invalid_event", 200, $"The server sent an empty '{sse.Type}' event.");
        }
        catch (JsonException e)
        {
            throw new UnexpectedResponseException("invalid_event", 200, $"The server sent a '{sse.Type}' event that is not valid JSON: {e.Message}", e);
        }
    }
}
