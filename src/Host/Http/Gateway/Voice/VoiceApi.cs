using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Sessions;

namespace JidoSessions.Host.Http.Gateway.Voice;

/// <summary>
/// The voice-gateway profile: each call is a session keyed by its call id under the caller's tenant (account and
/// peer ids kept as the session's metadata when it is created), so concurrent calls never share context and
/// ending one call leaves the others running. Errors are problem documents.
/// </summary>
internal static class VoiceApi
{
    public static RouteGroupBuilder MapVoiceApi(this RouteGroupBuilder voice)
    {
        voice.MapPost("/query", QueryAsync);
        voice.MapPost("/end-session", EndSessionAsync);
        return voice;
    }

    private static async Task<Ok<VoiceQueryResponse>> QueryAsync(
        HttpRequest request, ISessionClient client, RequestBody body, HttpOptions http, CancellationToken cancellationToken)
    {
        var query = (await body.ReadAsync<VoiceQueryRequest>(request, cancellationToken)).Validate(http.MaxMessageChars);
        var session = (await client.GetOrCreateAsync(query.Key, query.Create, cancellationToken)).Session;
        var reply = await client.SendAsync(session.Id, query.Prompt, cancellationToken);
        return TypedResults.Ok(new VoiceQueryResponse(reply.Text));
    }

    private static async Task<Ok<VoiceEndSessionResponse>> EndSessionAsync(
        HttpRequest request, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var key = (await body.ReadAsync<VoiceEndSessionRequest>(request, cancellationToken)).Validate();
        var session = await SessionLookup.FindByKeyAsync(client, key, cancellationToken) ?? throw new SessionNotFoundException(key.Value);
        await client.TerminateAsync(session.Id, cancellationToken);
        return TypedResults.Ok(new VoiceEndSessionResponse(true));
    }
}
