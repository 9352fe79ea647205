using JidoSessions.Actors.Hosting;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary><c>GET /v1/models</c>: the configured default model, as OpenAI's model list.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        // The list is fixed for the host's lifetime, so "created" is when the host mapped it.
        IEndpointRouteBuilder endpoints = v1;
        var created = endpoints.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        v1.MapGet("/models", (SessionSystemOptions system) => List(system, created));
        return v1;
    }

    private static JsonHttpResult<ModelList> List(SessionSystemOptions system, long created) =>
        TypedResults.Json(new ModelList("list", [new ModelCard(system.Defaults.Model, "model", created, "jido")]), OpenAiJson.Options);
}

/// <summary><c>{"object":"list","data":[…]}</c>.</summary>
internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

/// <summary>One model: <c>{"id","object":"model","created","owned_by"}</c>.</summary>
internal sealed record ModelCard(string Id, string Object, long Created, string OwnedBy);
