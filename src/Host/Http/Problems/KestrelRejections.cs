using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using JidoSessions.Client.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// Kestrel refuses some requests before the API sees them (a malformed request line or header, a NUL in the path,
/// a request line or headers over its limits) and answers those with an empty body it offers no hook for. A
/// connection middleware recognises such an answer on the way out (a 4xx or 5xx head with
/// <c>Content-Length: 0</c>, <c>Connection: close</c> and no content type, which the API itself never sends) and
/// replaces it with the same status carrying a problem document.
/// </summary>
internal static class KestrelRejections
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>Adds the rewriting middleware to every endpoint Kestrel listens on.</summary>
    public static void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var limits = kestrel.Limits;
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new RewritingPipe(transport, limits);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        }));
    }

    /// <summary>The problem answer for <paramref name="head"/> when it is one of Kestrel's bare rejections, else null.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> head, KestrelServerLimits limits)
    {
        if (head.Length > 1024 || !head.StartsWith("HTTP/1.1 "u8) || head.IndexOf(HeadEnd) != head.Length - HeadEnd.Length)
        {
            return null;
        }

        var lines = Encoding.ASCII.GetString(head[..^HeadEnd.Length]).Split("\r\n");
        if (lines[0].Length < 12 || !int.TryParse(lines[0].AsSpan(9, 3), out var status) || status < 400
            || !lines.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase)
            || !lines.Contains("Connection: close", StringComparer.OrdinalIgnoreCase)
            || lines.Any(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var body = ProblemBody(status, limits);
        var text = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(line).Append("\r\n");
        }

        text.Append("Content-Type: ").Append(HttpWire.ProblemMediaType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. body];
    }

    private static byte[] ProblemBody(int status, KestrelServerLimits limits)
    {
        var (code, detail) = status switch
        {
            400 => (HostErrorCodes.BadRequest, "The request was refused before it reached the API: its request line, a header or its framing is malformed (a NUL or control character in the path or a header, an invalid method or version, a bad Content-Length or Transfer-Encoding)."),
            408 => ("request_timeout", "The request headers did not arrive in time."),
            411 => ("length_required", "The request needs a Content-Length or a chunked body."),
            413 => (Client.ErrorCodes.PayloadTooLarge, "The request body is larger than the server accepts."),
            414 => (HostErrorCodes.UriTooLong, $"The request line is longer than the server accepts ({limits.MaxRequestLineSize} bytes)."),
            431 => (HostErrorCodes.HeadersTooLarge, $"The request headers are larger than the server accepts ({limits.MaxRequestHeadersTotalSize} bytes, {limits.MaxRequestHeaderCount} headers)."),
            _ => ("http_" + status, ReasonPhrases.GetReasonPhrase(status)),
        };
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", HttpWire.ProblemTypePrefix + code);
            json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("code", code);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed class RewritingPipe(IDuplexPipe inner, KestrelServerLimits limits) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new RejectionRewritingWriter(inner.Output, limits);
    }
}
