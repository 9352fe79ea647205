using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JidoSessions.Client;

/// <summary>
/// A caller-chosen name for a session (a call id, <c>agent:main:user:c1</c>, a derived identity hash),
/// unique within a tenant: get-or-create with one key always yields one session. 1–256 characters,
/// no control characters, no leading or trailing white space.
/// </summary>
[JsonConverter(typeof(SessionKeyJsonConverter))]
public readonly record struct SessionKey
{
    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 256;

    private SessionKey(string value) => Value = value;

    /// <summary>The key text.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SessionKey key, out string? error)
    {
        key = default;
        error = text switch
        {
            null or "" => "must not be empty",
            { Length: > MaxLength } => $"must be at most {MaxLength} characters (was {text.Length})",
            _ when text.Any(char.IsControl) => "must not contain control characters",
            _ when char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) => "must not start or end with white space",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        key = new SessionKey(text!);
        return true;
    }

    /// <summary>Parses or throws <see cref="ValidationException"/> naming the field.</summary>
    public static SessionKey Parse(string? text, string field = "key") =>
        TryParse(text, out var key, out var error) ? key : throw ValidationException.For(field, $"Session key {error}.");

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

internal sealed class SessionKeyJsonConverter : JsonConverter<SessionKey>
{
    public override SessionKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SessionKey.TryParse(reader.GetString(), out var key, out var error) ? key : throw new JsonException($"Invalid session key: {error}.");

    public override void Write(Utf8JsonWriter writer, SessionKey value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
