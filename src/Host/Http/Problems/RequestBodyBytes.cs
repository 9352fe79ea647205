using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// Reads a whole request body into memory, turning the server's refusals into typed exceptions: a body larger than
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
            return buffer;
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
    }
}
