using System.Text;
using System.Text.Json;
using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// The text of a request message's <c>content</c>: a string, or the text parts of a content-part array joined by
/// newlines. Text that is not Unicode (invalid UTF-8, a lone surrogate escape) is refused naming the member.
/// </summary>
internal static class ChatContent
{
    public const string NotUnicode = "must be valid Unicode text (UTF-8, no lone surrogates)";

    public static string Text(JsonElement content, string field)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return String(content, field);
            case JsonValueKind.Array:
                var text = new StringBuilder();
                var index = 0;
                foreach (var part in content.EnumerateArray())
                {
                    var partField = $"{field}[{index}]";
                    if (part.ValueKind != JsonValueKind.Object
                        || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !IsText(type, partField)
                        || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
                    {
                        throw ValidationException.For(partField, "only text content parts ({\"type\":\"text\",\"text\":\"…\"}) are supported");
                    }

                    text.Append(text.Length > 0 ? "\n" : "").Append(String(value, partField + ".text"));
                    index++;
                }

                return text.ToString();
            case JsonValueKind.Undefined or JsonValueKind.Null:
                throw ValidationException.For(field, "is required");
            default:
                throw ValidationException.For(field, "must be a string or an array of content parts");
        }
    }

    /// <summary>A JSON string's value; <see cref="JsonElement.GetString"/> throws for text that is not Unicode.</summary>
    private static string String(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ValidationException.For(field, NotUnicode);
        }
    }

    private static bool IsText(JsonElement type, string field) => String(type, field) == "text";
}
