using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using JidoSessions.Host.Http.Problems;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JidoSessions.Host.Tests.Http.Problems;

public sealed class RejectionRewritingWriterTests
{
    private const string BareRejection = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n\r\n";

    [Fact]
    public async Task Flush_BareRejection_IsRewrittenAsProblem()
    {
        var (pipe, writer) = Create();

        Write(writer, BareRejection);
        await writer.FlushAsync();

        var text = await ReadAsync(pipe, writer);
        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length: 0\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\"code\":\"headers_too_large\"}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")]
    public async Task Flush_OtherAnswer_PassesUnchanged(string answer)
    {
        var (pipe, writer) = Create();

        Write(writer, answer);
        await writer.FlushAsync();

        Assert.Equal(answer, await ReadAsync(pipe, writer));
    }

    [Fact]
    public async Task Advance_SeveralTimesInOneLentSpanAcrossAFlush_KeepsEveryByteInOrder()
    {
        var (pipe, writer) = Create();
        var head = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray();
        var chunk = "5\r\nhello\r\n"u8.ToArray();

        var memory = writer.GetMemory(256);
        head.CopyTo(memory);
        writer.Advance(head.Length);
        await writer.FlushAsync();
        chunk.CopyTo(memory[head.Length..]);
        writer.Advance(chunk.Length);
        Write(writer, "0\r\n\r\n");
        await writer.FlushAsync();

        Assert.Equal("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", await ReadAsync(pipe, writer));
    }

    [Fact]
    public async Task Write_LargeBody_PassesThroughUnchanged()
    {
        var (pipe, writer) = Create();
        var body = new string('b', 100_000);

        Write(writer, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        Write(writer, body);
        await writer.FlushAsync();

        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + body, await ReadAsync(pipe, writer));
    }

    private static (Pipe Pipe, RejectionRewritingWriter Writer) Create()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        return (pipe, new RejectionRewritingWriter(pipe.Writer, new KestrelServerLimits()));
    }

    private static void Write(PipeWriter writer, string text) => writer.Write(Encoding.ASCII.GetBytes(text));

    private static async Task<string> ReadAsync(Pipe pipe, PipeWriter writer)
    {
        await writer.CompleteAsync();
        using var stream = new MemoryStream();
        await pipe.Reader.CopyToAsync(stream);
        return Encoding.ASCII.GetString(stream.ToArray());
    }
}
