using JidoSessions.Actors.Hosting;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// <c>GET /v1/models</c>: the configured default model, as OpenAI's model list; <c>GET /v1/models/{id}</c>: that model
/// (what the OpenAI clients' <c>models.retrieve</c> calls), or 404 <c>model_not_found</c> in OpenAI's error shape.
/// </summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        // The list is fixed for the host's lifetime, so "created" is when the host mapped it.
        IEndpointRouteBuilder endpoints = v1;
        var created = endpoints.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        v1.MapGet("/models", (SessionSystemOptions system) => List(system, created));
        v1.MapGet("/models/{**id}", (string id, SessionSystemOptions system) => Retrieve(id, system, created));
        return v1;
    }

    private static Results<JsonHttpResult<ModelCard>, JsonHttpResult<OpenAiErrorResponse>> Retrieve(string id, SessionSystemOptions system, long created) =>
        string.Equals(id, system.Defaults.Model, StringComparison.Ordinal)
            ? TypedResults.Json(Card(system, created), OpenAiJson.Options)
            : OpenAiErrors.Create(StatusCodes.Status404NotFound, "model_not_found", $"The model '{Describe(id)}' does not exist; this server serves '{system.Defaults.Model}'.", "model");

    private static ModelCard Card(SessionSystemOptions system, long created) => new(system.Defaults.Model, "model", created, "jido");

    private static string Describe(string id) => id.Length > 100 ? id[..100] + "…" : id;

    private static JsonHttpResult<ModelList> List(SessionSystemOptions system, long created) =>
        TypedResults.Json(new ModelList("list", [Card(system, created)]), OpenAiJson.Options);
}

/// <summary><c>{"object":"list","data":[…]}</c>.</summary>
internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

/// <summary>One model: <c>{"id","object":"model","created","owned_by"}</c>.</summary>
internal sealed record ModelCard(string Id, string Object, long Created, string OwnedBy);
