using System.Text;

namespace JidoSessions.Actors.Llm;

// Minimal text/event-stream reader (WHATWG "server-sent events"): returns the data of each event as soon as its
// terminating blank line arrives, reading the underlying stream incrementally. Comments (":" lines, used as
// keep-alives) and the event/id/retry fields are ignored because chat completions only use data.
internal sealed class ServerSentEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
    private readonly StringBuilder _data = new();

    // Returns the next event's data, or null at the end of the stream. An event not closed by a blank line before the
    // end is dropped, as the specification requires: it may have been cut in the middle.
    public async ValueTask<string?> ReadEventDataAsync(CancellationToken cancellationToken)
    {
        var hasData = false;
        while (await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    var data = _data.ToString();
                    _data.Clear();
                    return data;
                }

                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            if (field != "data")
            {
                continue;
            }

            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (hasData)
            {
                _data.Append('\n');
            }

            _data.Append(value);
            hasData = true;
        }

        _data.Clear();
        return null;
    }

    public void Dispose() => _reader.Dispose();
}
