using System.Text.Json;
using System.Text.Json.Serialization;

namespace JidoSessions.Host.Http.Json;

/// <summary>
/// Reads every enum of the API by its documented names only, in any letter case: numbers (<c>7</c>, <c>"7"</c>),
/// flag combinations (<c>"Reject,Interrupt"</c>), padded names and undefined values are refused with a message
/// naming the allowed values. Writes the name. <see cref="JsonStringEnumConverter"/> with
/// <c>allowIntegerValues: false</c> still accepts combinations and padding, hence this one.
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>The converter of one enum type (see <see cref="StrictEnumConverterFactory"/>).</summary>
internal sealed class StrictEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly string[] Names = Enum.GetNames<T>();
    private static readonly string Allowed = "must be one of " + string.Join(", ", Names) + " (a string, in any case)";

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(Allowed);
        }

        var text = reader.GetString();
        var name = Array.Find(Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is null ? throw new JsonException(Allowed) : Enum.Parse<T>(name);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Enum.GetName(value) ?? value.ToString());
    }
}
