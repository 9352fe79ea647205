using System.Text.Json.Serialization;

namespace JidoSessions.Actors.Llm;

// Source-generated so the wire format needs no reflection and stays trimming-safe.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiWireRequest))]
[JsonSerializable(typeof(OpenAiWireResponse))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
