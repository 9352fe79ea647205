using JidoSessions.Client;
using JidoSessions.Client.Http;
using Microsoft.Net.Http.Headers;

namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// Reads a whole JSON request body into memory, turning the server's refusals into typed exceptions: a body whose
/// Content-Type is not JSON (<c>application/json</c> or <c>application/*+json</c>, UTF-8) is
/// <see cref="UnsupportedMediaTypeException"/>; a body larger than
/// <c>jido.http.max-request-body</c> is <see cref="PayloadTooLargeException"/>; broken framing (a chunk size that is
/// not hex or overflows, a body shorter than its Content-Length) is <see cref="ValidationException"/> on <c>body</c>.
/// </summary>
internal static class RequestBodyBytes
{
    public static async Task<MemoryStream> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await buffer.DisposeAsync();
            throw new PayloadTooLargeException($"The request body is larger than the server accepts ({e.Message}).");
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some framing errors (an overflowing chunk size) as a plain IOException.
            await buffer.DisposeAsync();
            throw ValidationException.For("body", $"could not be read: {e.Message}");
        }

        // Checked after reading, so an oversized body is 413 whatever its type; an empty body needs no type.
        if (buffer.Length > 0 && !IsJson(request.ContentType))
        {
            await buffer.DisposeAsync();
            throw NotJson(request);
        }

        return buffer;
    }

    /// <summary><c>application/json</c> or <c>application/*+json</c>, in any case, with no charset other than UTF-8.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || type.MediaType.Value is not { } media)
        {
            return false;
        }

        var charset = type.Charset.Value;
        return (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private static UnsupportedMediaTypeException NotJson(HttpRequest request) =>
        new($"The request body must be JSON (Content-Type: application/json, UTF-8), not {(string.IsNullOrEmpty(request.ContentType) ? "a body without a Content-Type" : "'" + request.ContentType + "'")}.");
}
