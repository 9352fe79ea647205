using JidoSessions.Host.Http.Gateway.OpenAi;
using JidoSessions.Host.Http.Gateway.Voice;

namespace JidoSessions.Host.Http.Gateway;

/// <summary>
/// The gateways: OpenAI-compatible <c>/v1/chat/completions</c> and <c>/v1/models</c> (bearer key; errors,
/// 401 included, in OpenAI's error shape), and the voice profile <c>/voice/…</c> (bearer key; problem details).
/// </summary>
internal static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Not RequireAuthorization: its challenge is a problem document, and OpenAI clients parse only their own shape.
        endpoints.MapGroup("/v1")
            .WithTags("OpenAI")
            .AddEndpointFilter<OpenAiErrorFilter>()
            .AddEndpointFilter<OpenAiAuthFilter>()
            .MapChatCompletionsApi()
            .MapModelsApi();
        endpoints.MapGroup("/voice")
            .WithTags("Voice")
            .RequireAuthorization()
            .MapVoiceApi();
        return endpoints;
    }
}
