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
            throw ValidationException.For(Field(e.Path), Describe(e));
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

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "is not valid: " + (cut > 0 ? message[..cut] : message);
    }
}
