using JidoSessions.Client;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>Sessions: create, get-or-create by key, list, read, end, configure, fork and rewind.</summary>
internal static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder v1)
    {
        var sessions = v1.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("/", CreateAsync);
        sessions.MapPut("/by-key/{key}", GetOrCreateAsync);
        sessions.MapGet("/by-key/{key}", FindByKeyAsync);
        sessions.MapGet("/", ListAsync);
        sessions.MapGet("/{id}", GetAsync);
        sessions.MapDelete("/{id}", TerminateAsync);
        sessions.MapPut("/{id}/config", SetConfigAsync);
        sessions.MapPost("/{id}/fork", ForkAsync);
        sessions.MapPost("/{id}/rewind", RewindAsync);
        return v1;
    }

    private static async Task<Created<SessionInfo>> CreateAsync(HttpRequest request, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var create = await body.ReadOptionalAsync<CreateSessionRequest>(request, cancellationToken);
        create?.Config?.Validate();
        var info = await client.CreateAsync(create, cancellationToken);
        return TypedResults.Created($"/v1/sessions/{info.Id}", info);
    }

    private static async Task<Results<Created<GetOrCreateResult>, Ok<GetOrCreateResult>>> GetOrCreateAsync(
        HttpContext context, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var key = SessionRoutes.Key(context);
        var create = await body.ReadOptionalAsync<CreateSessionRequest>(context.Request, cancellationToken);
        create?.Config?.Validate();
        var result = await client.GetOrCreateAsync(key, create, cancellationToken);
        return result.Created
            ? TypedResults.Created($"/v1/sessions/{result.Session.Id}", result)
            : TypedResults.Ok(result);
    }

    private static async Task<Ok<SessionInfo>> FindByKeyAsync(HttpContext context, ISessionClient client, CancellationToken cancellationToken)
    {
        var key = SessionRoutes.Key(context);
        return TypedResults.Ok(await client.FindByKeyAsync(key, cancellationToken) ?? throw new SessionNotFoundException("key " + key.Value));
    }

    private static async Task<Ok<SessionPage>> ListAsync(HttpRequest request, ISessionClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(await client.ListAsync(SessionRoutes.ListQuery(request.Query), cancellationToken));

    private static async Task<Ok<SessionInfo>> GetAsync(string id, ISessionClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(await client.GetInfoAsync(SessionRoutes.Id(id), cancellationToken));

    private static async Task<NoContent> TerminateAsync(string id, ISessionClient client, CancellationToken cancellationToken)
    {
        await client.TerminateAsync(SessionRoutes.Id(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SessionInfo>> SetConfigAsync(
        string id, HttpRequest request, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var patch = await body.ReadAsync<SessionConfig>(request, cancellationToken);
        patch.Validate();
        return TypedResults.Ok(await client.SetConfigAsync(sessionId, patch, cancellationToken));
    }

    private static async Task<Created<SessionInfo>> ForkAsync(
        string id, HttpRequest request, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var fork = await body.ReadAsync<ForkSessionRequest>(request, cancellationToken);
        if (fork.Key is { } key)
        {
            // The rules of every other key the host reads (see docs/host.md, Session keys).
            SessionKeys.Parse(key.Value, "key");
        }

        var info = await client.ForkAsync(sessionId, fork, cancellationToken);
        return TypedResults.Created($"/v1/sessions/{info.Id}", info);
    }

    private static async Task<Ok<SessionInfo>> RewindAsync(
        string id, HttpRequest request, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var rewind = await body.ReadAsync<Client.Http.RewindRequest>(request, cancellationToken);
        return TypedResults.Ok(await client.RewindAsync(sessionId, rewind.ToSequence, cancellationToken));
    }
}
