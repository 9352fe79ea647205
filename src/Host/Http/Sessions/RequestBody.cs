using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Http.Problems;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>
/// Reads a JSON request body with the API's strict settings (unknown members, wrong types, nulls for required
/// members and missing required members are refused), turning every refusal into a typed exception:
/// <see cref="ValidationException"/> naming the member, or <see cref="Client.Http.PayloadTooLargeException"/>.
/// </summary>
internal sealed class RequestBody(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    /// <summary>The body, or null when it is empty.</summary>
    public async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var buffer = await RequestBodyBytes.ReadAsync(request, cancellationToken);
            if (buffer.Length == 0)
            {
                return null;
            }

            return await JsonSerializer.DeserializeAsync<T>(buffer, _options, cancellationToken)
                ?? throw ValidationException.For("body", "must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            throw Translate<T>(e);
        }
    }

    /// <summary>The body; an empty one is refused.</summary>
    public async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        await ReadOptionalAsync<T>(request, cancellationToken) ?? throw ValidationException.For("body", "is required (a JSON object)");

    private static string Field(string? path)
    {
        // "$.config.maxHistory" → "config.maxHistory"; "$" (or none) is the body itself.
        var field = path is null ? "" : path.TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>
    /// System.Text.Json's messages name .NET types ("could not be mapped to any .NET member contained in type
    /// 'JidoSessions.Client.Http.MessageRequest'"); callers get the JSON field and what was expected instead.
    /// </summary>
    private ValidationException Translate<T>(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) && Quoted(message, "property '") is { } unknown)
        {
            // The path already ends with the member ("$.config.colour"); only top-level members get the expected list.
            var name = Field(e.Path) is var path && path != "body" ? path : unknown;
            return ValidationException.For(name, name.Contains('.', StringComparison.Ordinal)
                ? "is not a known field"
                : $"is not a known field; expected {Expected<T>()}");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal) && Quoted(message, "including: '") is { } missing)
        {
            return ValidationException.For(missing, "is required");
        }

        return ValidationException.For(Field(e.Path), "is not valid: " + WithoutTypeNames(message));
    }

    private string Expected<T>()
    {
        var names = typeof(T).GetProperties().Select(p => _options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name).ToArray();
        return names.Length == 1 ? $"'{names[0]}'" : "one of " + string.Join(", ", names.Select(n => $"'{n}'"));
    }

    private static string? Quoted(string message, string opening)
    {
        var start = message.IndexOf(opening, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += opening.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    // "The JSON value could not be converted to System.Int32." names a .NET type (for a constructor-bound member, the
    // request type itself), so only the fact is kept; the field name says where.
    private static string WithoutTypeNames(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        var converted = text.IndexOf("could not be converted to ", StringComparison.Ordinal);
        return converted >= 0 ? text[..converted] + "has the wrong type for this field." : text;
    }
}
