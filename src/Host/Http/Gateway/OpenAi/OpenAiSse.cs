using System.Text;
using System.Text.Json;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// Writes OpenAI's event stream: <c>data: &lt;json&gt;</c> lines with no event names, ended by <c>data: [DONE]</c>;
/// each line is flushed as written so the caller sees every token as it arrives.
/// </summary>
internal sealed class OpenAiSse
{
    private readonly HttpResponse _response;

    private OpenAiSse(HttpResponse response) => _response = response;

    /// <summary>Sends the event-stream headers: the caller sees a live stream from here on.</summary>
    public static async Task<OpenAiSse> StartAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = HttpWire.EventStreamMediaType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        return new OpenAiSse(response);
    }

    public Task WriteAsync<T>(T data, CancellationToken cancellationToken) =>
        WriteLineAsync(JsonSerializer.Serialize(data, OpenAiJson.Options), cancellationToken);

    public Task WriteDoneAsync(CancellationToken cancellationToken) => WriteLineAsync("[DONE]", cancellationToken);

    private async Task WriteLineAsync(string data, CancellationToken cancellationToken)
    {
        await _response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + data + "\n\n"), cancellationToken);
        await _response.Body.FlushAsync(cancellationToken);
    }
}
