using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JidoSessions.Client;

/// <summary>A session's id: a UUID (v7 when minted here, so ids sort by creation time), lowercase.</summary>
[JsonConverter(typeof(SessionIdJsonConverter))]
public readonly record struct SessionId : IComparable<SessionId>
{
    private SessionId(Guid value) => Value = value;

    /// <summary>The UUID.</summary>
    public Guid Value { get; }

    /// <summary>A new time-ordered id.</summary>
    public static SessionId New() => new(Guid.CreateVersion7());

    /// <summary>Parses the canonical 36-character form (any case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SessionId id)
    {
        if (text is { Length: 36 } && Guid.TryParseExact(text, "D", out var guid) && guid != Guid.Empty)
        {
            id = new SessionId(guid);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses or throws <see cref="ValidationException"/> naming the field.</summary>
    public static SessionId Parse(string? text, string field = "sessionId") =>
        TryParse(text, out var id) ? id : throw ValidationException.For(field, $"'{Describe(text)}' is not a session id (expected a UUID such as 0190d7e2-6b1a-7c3e-9f00-123456789abc).");

    /// <summary>Orders by the canonical text, which for v7 ids is creation order.</summary>
    public int CompareTo(SessionId other) => string.CompareOrdinal(ToString(), other.ToString());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");

    internal static string Describe(string? text) => text is null ? "(null)" : text.Length > 64 ? text[..64] + "…" : text;
}

internal sealed class SessionIdJsonConverter : JsonConverter<SessionId>
{
    public override SessionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SessionId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Invalid session id.");

    public override void Write(Utf8JsonWriter writer, SessionId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
