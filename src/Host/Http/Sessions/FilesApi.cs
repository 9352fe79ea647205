using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>A session's active files.</summary>
internal static class FilesApi
{
    public static RouteGroupBuilder MapFilesApi(this RouteGroupBuilder v1)
    {
        var files = v1.MapGroup("/sessions/{id}/files").WithTags("Files");
        files.MapPost("/", AddAsync);
        files.MapDelete("/", RemoveAsync);
        files.MapGet("/", ListAsync);
        return v1;
    }

    private static async Task<Ok<SessionFileInfo>> AddAsync(
        string id, HttpRequest request, ISessionClient client, RequestBody body, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var file = await body.ReadAsync<SessionFile>(request, cancellationToken);
        SessionRoutes.ValidateFilePath(file.Path);
        ValidateMetadata(file.Metadata);
        return TypedResults.Ok(await client.AddFileAsync(sessionId, file, cancellationToken));
    }

    private static async Task<Ok<RemoveFileResponse>> RemoveAsync(string id, HttpRequest request, ISessionClient client, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var path = request.Query["path"].ToString();
        SessionRoutes.ValidateFilePath(path);
        return TypedResults.Ok(new RemoveFileResponse(await client.RemoveFileAsync(sessionId, path, cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<SessionFileInfo>>> ListAsync(string id, ISessionClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(await client.ListFilesAsync(SessionRoutes.Id(id), cancellationToken));

    private static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        // The same limits as a session's metadata.
        if (metadata is not null)
        {
            new SessionConfig { Metadata = metadata }.Validate();
        }
    }
}
