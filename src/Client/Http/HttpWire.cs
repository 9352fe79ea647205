using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace JidoSessions.Client.Http;

/// <summary>
/// The wire conventions shared by the JidoSessions HTTP API and <see cref="HttpSessionClient"/>: JSON
/// settings, Server-Sent Event names and the media types.
/// </summary>
public static class HttpWire
{
    /// <summary>The SSE event carrying one text delta of a streamed turn (<see cref="TokenDelta"/>).</summary>
    public const string TokenEvent = "token";

    /// <summary>The SSE event that ends a streamed turn, carrying the <see cref="MessageReply"/>.</summary>
    public const string DoneEvent = "done";

    /// <summary>The SSE event that ends a streamed turn with a failure, carrying a problem document.</summary>
    public const string ErrorEvent = "error";

    /// <summary>Media type of Server-Sent Events.</summary>
    public const string EventStreamMediaType = "text/event-stream";

    /// <summary>Media type of problem details (RFC 9457).</summary>
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>Prefix of the problem <c>type</c> URI; the error code follows it.</summary>
    public const string ProblemTypePrefix = "urn:jido:error:";

    /// <summary>
    /// New JSON options as the API uses them: camelCase names, enums as strings, case-insensitive reading,
    /// and the event <c>type</c> discriminator accepted anywhere in an object.
    /// </summary>
    public static JsonSerializerOptions CreateJsonOptions() => new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEventTypeProperty } },
    };

    /// <summary>
    /// An event's <see cref="SessionEvent.Type"/> is written as the <c>type</c> discriminator; the overriding
    /// properties of the derived records would clash with it, so they are left out of their contracts.
    /// </summary>
    private static void OmitEventTypeProperty(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(SessionEvent).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].AttributeProvider is System.Reflection.PropertyInfo { Name: nameof(SessionEvent.Type) })
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
