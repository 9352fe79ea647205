using System.Text;

namespace JidoSessions.Host.Tests.Support;

/// <summary>One raw Server-Sent Event block: its fields as sent, and whether it was a comment.</summary>
internal sealed record RawSseBlock(string? Id, string? Event, string? Data, string? Comment);

/// <summary>Reads an event stream block by block, exactly as written on the wire (for format checks).</summary>
internal sealed class RawSse(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public static async Task<RawSse> OpenAsync(HttpClient http, string path, string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new RawSse(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>The next block (comment or event); null at end of stream.</summary>
    public async Task<RawSseBlock?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null, data = null, comment = null;
        var any = false;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new RawSseBlock(id, type, data, comment);
                }

                continue;
            }

            any = true;
            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = data is null ? line[6..] : data + "\n" + line[6..];
            }
        }

        return null;
    }

    /// <summary>The next event, skipping comments.</summary>
    public async Task<RawSseBlock> NextEventAsync(CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } block)
        {
            if (block.Comment is null)
            {
                return block;
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    public void Dispose() => _reader.Dispose();
}
