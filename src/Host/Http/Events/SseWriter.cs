using System.Buffers;
using System.Globalization;
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

    /// <summary>One event as sent: <c>id:</c> (when given), <c>event:</c>, one <c>data:</c> line of compact JSON, a blank line.</summary>
    public static byte[] EncodeEvent<T>(long? id, string type, T data, JsonSerializerOptions json)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        if (id is { } value)
        {
            frame.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {value}\n")));
        }

        frame.Write(Encoding.UTF8.GetBytes("event: " + type + "\ndata: "));
        using (var writer = new Utf8JsonWriter(frame, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, data, json);
        }

        frame.Write("\n\n"u8);
        return frame.WrittenSpan.ToArray();
    }

    public Task WriteEventAsync<T>(long? id, string type, T data, CancellationToken cancellationToken) =>
        WriteFrameAsync(EncodeEvent(id, type, data, json), cancellationToken);

    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken) =>
        WriteFrameAsync(Encoding.UTF8.GetBytes(": " + comment.Replace('\n', ' ').Replace('\r', ' ') + "\n\n"), cancellationToken);

    /// <summary>Writes an encoded frame and flushes it.</summary>
    public async Task WriteFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await response.Body.WriteAsync(frame, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
