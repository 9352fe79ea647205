using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// The JSON of the OpenAI-compatible endpoints: snake_case members, strict number types, and members this
/// gateway does not use (temperature, tools, …) skipped rather than refused, since OpenAI clients send many;
/// a member given twice is refused.
/// </summary>
internal static class OpenAiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        AllowDuplicateProperties = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),

        // Replies are JSON and event-stream bodies, never HTML, so quotes and non-ASCII text are written as
        // themselves (as OpenAI does) rather than as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
