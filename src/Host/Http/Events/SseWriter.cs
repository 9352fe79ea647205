using System.Text;
using System.Text.Json;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// Writes Server-Sent Events: <c>id:</c>, <c>event:</c>, one <c>data:</c> line of compact JSON, a blank line;
/// comments (<c>: …</c>) as heartbeats. Each event is flushed as written.
/// </summary>
internal sealed class SseWriter(HttpResponse response, JsonSerializerOptions json)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sets the event-stream headers and sends them: the client sees a live stream from here on.</summary>
    public static async Task<SseWriter> StartAsync(HttpResponse response, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = HttpWire.EventStreamMediaType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var writer = new SseWriter(response, json);
        await response.StartAsync(cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        return writer;
    }

    public Task WriteEventAsync<T>(long? id, string type, T data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (id is { } value)
        {
            text.Append("id: ").Append(value).Append('\n');
        }

        text.Append("event: ").Append(type).Append('\n');
        text.Append("data: ").Append(JsonSerializer.Serialize(data, json)).Append("\n\n");
        return WriteAsync(text.ToString(), cancellationToken);
    }

    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken) =>
        WriteAsync(": " + comment.Replace('\n', ' ').Replace('\r', ' ') + "\n\n", cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
