using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>A response read off the wire: status, headers (names lower-cased) and body text.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value : null;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// HTTP/1.1 spoken byte by byte over a loopback socket, for requests no HTTP client sends: invalid framing, huge
/// headers, lowercase methods, NUL bytes. Each request is sent on its own connection with <c>Connection: close</c>.
/// </summary>
internal static class RawHttp
{
    public static Task<RawResponse> SendAsync(Uri server, string head, string? body = null, CancellationToken cancellationToken = default) =>
        SendAsync(server, Encoding.Latin1.GetBytes(head + (body ?? "")), cancellationToken);

    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, CancellationToken cancellationToken = default) =>
        Parse(Encoding.Latin1.GetString(await ExchangeAsync(server, request, cancellationToken)));

    /// <summary>Everything the server sent back, as text (for several answers on one connection).</summary>
    public static async Task<string> SendForTextAsync(Uri server, string requests, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(await ExchangeAsync(server, Encoding.Latin1.GetBytes(requests), cancellationToken));

    private static async Task<byte[]> ExchangeAsync(Uri server, byte[] request, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The server may answer and close before it read everything (a huge header); the answer is still there.
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancellationToken);
        }
        catch (IOException)
        {
            // A reset after the answer (unread request bytes) ends the read.
        }

        return received.ToArray();
    }

    /// <summary>A request head: the request line, <c>Host</c>, <c>Connection: close</c>, the given headers, the blank line.</summary>
    public static string Head(string requestLine, params string[] headers)
    {
        var text = new StringBuilder(requestLine).Append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        return text.Append("\r\n").ToString();
    }

    private static RawResponse Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"no complete response head was received: '{text}'");
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = text[(end + 4)..];
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        // Framing was read byte for byte (Latin-1); the body itself is UTF-8.
        return new RawResponse(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)));
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
