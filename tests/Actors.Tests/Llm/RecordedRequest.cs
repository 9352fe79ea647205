using System.Text.Json.Nodes;

namespace JidoSessions.Actors.Tests.Llm;

/// <summary>A request as <see cref="FakeOpenAiServer"/> received it, for assertions on the wire format.</summary>
/// <param name="Path">The request path, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Authorization">The raw <c>Authorization</c> header, or null when absent.</param>
/// <param name="Body">The raw JSON body.</param>
public sealed record RecordedRequest(string Path, string? Authorization, string Body)
{
    /// <summary>Gets the parsed body (null when the body is not JSON).</summary>
    public JsonNode? Json { get; } = TryParse(Body);

    /// <summary>Gets the <c>model</c> field.</summary>
    public string? Model => Json?["model"]?.GetValue<string>();

    /// <summary>Gets the <c>stream</c> field (false when absent).</summary>
    public bool Stream => Json?["stream"]?.GetValue<bool>() ?? false;

    /// <summary>Gets the <c>messages</c> as (role, content) pairs.</summary>
    public IReadOnlyList<(string Role, string? Content)> Messages =>
        Json?["messages"]?.AsArray()
            .Select(m => (m!["role"]!.GetValue<string>(), m["content"]?.GetValue<string>()))
            .ToList() ?? [];

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
