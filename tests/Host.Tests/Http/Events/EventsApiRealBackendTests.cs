using System.Globalization;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Events;

/// <summary>The SSE streams on the real session system.</summary>
public sealed class EventsApiRealBackendTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    [Fact]
    public async Task SessionStream_Lifecycle_ArrivesInOrderWithIncreasingIds()
    {
        var timeout = TestTimeout.Token();
        var http = fixture.Host.WithKey(TestHost.AcmeKey);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var client = fixture.Host.AcmeClient();
        var session = await client.CreateAsync(cancellationToken: timeout);
        using var sse = await RawSse.OpenAsync(http, $"v1/sessions/{session.Id}/events", cancellationToken: timeout);

        await client.SendAsync(session.Id, "hi", timeout);
        await client.TerminateAsync(session.Id, timeout);
        var blocks = new List<RawSseBlock>();
        while (blocks.LastOrDefault()?.Event != SessionTerminated.TypeName)
        {
            blocks.Add(await sse.NextEventAsync(timeout));
        }

        var ids = blocks.Select(b => long.Parse(b.Id!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order().Distinct(), ids);
        var events = blocks.Select(b => JsonSerializer.Deserialize<SessionEvent>(b.Data!, HttpWire.CreateJsonOptions())!).ToList();
        Assert.All(events, e => Assert.Equal(session.Id, e.SessionId));
        Assert.Equal(blocks.Select(b => b.Event), events.Select(e => e.Type));
        Assert.Equal([MessageRole.User, MessageRole.Assistant], events.OfType<MessageAppended>().Select(m => m.Role));
    }
}
