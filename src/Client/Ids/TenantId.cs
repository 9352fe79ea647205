using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JidoSessions.Client;

/// <summary>The owner of sessions: keys are unique per tenant and a tenant sees only its own sessions. 1–64 of [a-z0-9._-].</summary>
[JsonConverter(typeof(TenantIdJsonConverter))]
public readonly record struct TenantId
{
    /// <summary>The tenant used when none is configured.</summary>
    public static readonly TenantId Default = new("default");

    private TenantId(string value) => Value = value;

    /// <summary>The tenant name.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TenantId tenant)
    {
        tenant = default;
        if (text is not { Length: >= 1 and <= 64 } || !text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
        {
            return false;
        }

        tenant = new TenantId(text);
        return true;
    }

    /// <summary>Parses or throws <see cref="ValidationException"/> naming the field.</summary>
    public static TenantId Parse(string? text, string field = "tenant") =>
        TryParse(text, out var tenant) ? tenant : throw ValidationException.For(field, $"'{SessionId.Describe(text)}' is not a tenant id (1-64 of a-z, 0-9, '.', '_', '-').");

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

internal sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TenantId.TryParse(reader.GetString(), out var tenant) ? tenant : throw new JsonException("Invalid tenant id.");

    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
