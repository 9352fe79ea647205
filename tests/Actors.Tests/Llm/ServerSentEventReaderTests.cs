using System.Text;
using JidoSessions.Actors.Llm;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task ReadEventDataAsync_EventsWithCommentsAndOtherFields_ReturnsOnlyData()
    {
        using var reader = ReaderOver(": keep-alive\n\nevent: x\nid: 7\nretry: 10\ndata: one\n\ndata:two\n\n");

        var events = await ReadAllAsync(reader);

        Assert.Equal(["one", "two"], events);
    }

    [Fact]
    public async Task ReadEventDataAsync_MultipleDataLines_JoinsWithNewline()
    {
        using var reader = ReaderOver("data: first\r\ndata:  second\r\n\r\n");

        var events = await ReadAllAsync(reader);

        Assert.Equal(["first\n second"], events);
    }

    [Fact]
    public async Task ReadEventDataAsync_EventNotTerminatedBeforeEnd_IsDropped()
    {
        using var reader = ReaderOver("data: complete\n\ndata: {\"cut\":");

        var events = await ReadAllAsync(reader);

        Assert.Equal(["complete"], events);
    }

    [Fact]
    public async Task ReadEventDataAsync_BlankLinesWithoutData_DispatchNothing()
    {
        using var reader = ReaderOver("\n\n\r\n:\n\ndata\n\n");

        var events = await ReadAllAsync(reader);

        Assert.Equal([string.Empty], events);
    }

    private static ServerSentEventReader ReaderOver(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<List<string>> ReadAllAsync(ServerSentEventReader reader)
    {
        var events = new List<string>();
        while (await reader.ReadEventDataAsync(CancellationToken.None) is { } data)
        {
            events.Add(data);
        }

        return events;
    }
}
