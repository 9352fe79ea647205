using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace JidoSessions.Client;

/// <summary>What shape the model's reply must have.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponseFormatKind>))]
public enum ResponseFormatKind
{
    /// <summary>Free text (the default).</summary>
    Text,

    /// <summary>Any JSON object.</summary>
    JsonObject,

    /// <summary>JSON matching <see cref="TurnResponseFormat.Schema"/>.</summary>
    JsonSchema,
}

/// <summary>The reply's format; for <see cref="ResponseFormatKind.JsonSchema"/>, a named JSON schema (its JSON text).</summary>
public sealed record TurnResponseFormat(ResponseFormatKind Kind, string? SchemaName = null, string? Schema = null);

/// <summary>
/// A message placed before this turn's message as if it were history (see <see cref="TurnOptions.PriorMessages"/>).
/// An assistant message may carry the <see cref="ToolCalls"/> it made, a Tool message the <see cref="ToolResults"/> (empty text).
/// </summary>
public sealed record PriorMessage(MessageRole Role, string Text, IReadOnlyList<ToolCall>? ToolCalls = null, IReadOnlyList<ToolResult>? ToolResults = null);

/// <summary>
/// Settings of one turn: sampling settings passed to the model as they are (null: the provider's default), and the
/// messages of a stateless caller. Not stored: the next turn starts from the defaults again.
/// </summary>
public sealed partial record TurnOptions
{
    /// <summary>No settings: the provider's defaults.</summary>
    public static TurnOptions None { get; } = new();

    /// <summary>0–2.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling, above 0 and at most 1.</summary>
    public float? TopP { get; init; }

    /// <summary>The most tokens the reply may have, 1–1,000,000.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Up to 4 sequences (1–256 characters) that end the reply.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Asks the provider for repeatable sampling.</summary>
    public long? Seed { get; init; }

    /// <summary>−2–2.</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>−2–2.</summary>
    public float? FrequencyPenalty { get; init; }

    /// <summary>The reply's format.</summary>
    public TurnResponseFormat? ResponseFormat { get; init; }

    /// <summary>
    /// Messages the caller holds that the session does not (a stateless client sends its whole conversation): the
    /// model reads them after the session's own history and before this turn's message, within the token budget;
    /// they are not appended to the history. At most 10,000.
    /// </summary>
    public IReadOnlyList<PriorMessage>? PriorMessages { get; init; }

    /// <summary>Functions the model may call this turn; a call comes back as <see cref="MessageReply.ToolCalls"/>.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    /// <summary>Whether the model must, may or must not call one (null: the provider's default, auto with tools).</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>True when nothing is set.</summary>
    [JsonIgnore]
    public bool IsEmpty =>
        Temperature is null && TopP is null && MaxOutputTokens is null && Stop is null && Seed is null
        && PresencePenalty is null && FrequencyPenalty is null && ResponseFormat is null && PriorMessages is null
        && Tools is null && ToolChoice is null;

    /// <exception cref="ValidationException">Every invalid member, named.</exception>
    public void Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Range(errors, "temperature", Temperature, 0, 2, "between 0 and 2");
        if (TopP is { } topP && !(topP > 0 && topP <= 1))
        {
            errors["topP"] = $"must be above 0 and at most 1 (was {topP})";
        }

        if (MaxOutputTokens is { } max && max is < 1 or > 1_000_000)
        {
            errors["maxOutputTokens"] = $"must be between 1 and 1000000 (was {max})";
        }

        if (Stop is { } stop && (stop.Count > 4 || stop.Any(s => string.IsNullOrEmpty(s) || s.Length > 256)))
        {
            errors["stop"] = "must be at most 4 sequences of 1-256 characters";
        }

        Range(errors, "presencePenalty", PresencePenalty, -2, 2, "between -2 and 2");
        Range(errors, "frequencyPenalty", FrequencyPenalty, -2, 2, "between -2 and 2");
        if (ResponseFormat is { Kind: ResponseFormatKind.JsonSchema } format)
        {
            if (format.SchemaName is not { } name || !SchemaNamePattern().IsMatch(name))
            {
                errors["responseFormat.schemaName"] = "is required for a JSON schema: 1-64 letters, digits, '_' or '-'";
            }

            if (!IsJsonObject(format.Schema))
            {
                errors["responseFormat.schema"] = "must be a JSON object (the schema)";
            }
        }

        if (PriorMessages is { } prior && (prior.Count > 10_000 || prior.Any(m => m is null || m.Text is null || !Enum.IsDefined(m.Role) || (m.Role == MessageRole.Tool) != (m.ToolResults is { Count: > 0 }))))
        {
            errors["priorMessages"] = "must be at most 10000 messages, each with a role and a text (tool results exactly on Tool messages)";
        }

        ToolRules.Check(Tools, ToolChoice, errors);

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static void Range(Dictionary<string, string> errors, string field, float? value, float min, float max, string expected)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            errors[field] = $"must be {expected} (was {v})";
        }
    }

    /// <summary>Whether <paramref name="json"/> is the text of a JSON object.</summary>
    internal static bool IsJsonObject(string? json)
    {
        if (json is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SchemaNamePattern();
}
