using System.Net;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Events;

/// <summary>Event streams over HTTP on the real session system (embedded local model, in-memory storage).</summary>
public sealed class EventsApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private TestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartRealAsync(s => s["jido:http:sse-heartbeat"] = "100ms");
        _http = _host.WithKey(TestHost.AcmeKey);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TenantStream_Lifecycle_DeliversEachEventWithIdTypeAndJson()
    {
        var timeout = TestTimeout.Token();
        using var sse = await RawSse.OpenAsync(_http, "v1/events", cancellationToken: timeout);
        var client = _host.AcmeClient();

        var session = await client.CreateAsync(cancellationToken: timeout);
        await client.SendAsync(session.Id, "hi", timeout);
        await client.TerminateAsync(session.Id, timeout);
        var blocks = new List<RawSseBlock>();
        while (blocks.LastOrDefault()?.Event != SessionTerminated.TypeName)
        {
            blocks.Add(await sse.NextEventAsync(timeout));
        }

        var ids = blocks.Select(b => long.Parse(b.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
        var events = blocks.Select(b => JsonSerializer.Deserialize<SessionEvent>(b.Data!, Json)!).ToList();
        Assert.Equal(blocks.Select(b => b.Event), events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(session.Id, e.SessionId));
        Assert.IsType<SessionCreated>(events[0]);
        Assert.Equal(["hi"], events.OfType<MessageAppended>().Where(m => m.Role == MessageRole.User).Select(m => m.Text));
        Assert.Single(events.OfType<MessageAppended>(), m => m.Role == MessageRole.Assistant);
        Assert.Equal(
            [(SessionStatus.Initializing, SessionStatus.Active), (SessionStatus.Active, SessionStatus.Terminating), (SessionStatus.Terminating, SessionStatus.Terminated)],
            events.OfType<SessionStatusChanged>().Select(c => (c.From, c.To)));
        Assert.Equal(TerminationReason.Requested, Assert.IsType<SessionTerminated>(events[^1]).Reason);
    }

    [Fact]
    public async Task SessionStream_OtherSessionsAndTenants_AreNotDelivered()
    {
        var timeout = TestTimeout.Token();
        var client = _host.AcmeClient();
        var watched = await client.CreateAsync(cancellationToken: timeout);
        var other = await client.CreateAsync(cancellationToken: timeout);
        using var sse = await RawSse.OpenAsync(_http, $"v1/sessions/{watched.Id}/events", cancellationToken: timeout);

        await client.SendAsync(other.Id, "not for you", timeout);
        var globex = _host.GlobexClient();
        await globex.SendAsync((await globex.CreateAsync(cancellationToken: timeout)).Id, "nor this", timeout);
        await client.SendAsync(watched.Id, "for you", timeout);
        var first = await sse.NextEventAsync(timeout);

        var appended = Assert.IsType<MessageAppended>(JsonSerializer.Deserialize<SessionEvent>(first.Data!, Json));
        Assert.Equal((watched.Id, "for you"), (appended.SessionId, appended.Text));
    }

    [Fact]
    public async Task SessionStream_UnknownSession_Returns404()
    {
        var response = await _http.GetAsync($"v1/sessions/{SessionId.New()}/events", HttpCompletionOption.ResponseHeadersRead);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
    }

    [Fact]
    public async Task Reconnect_WithLastEventId_ReplaysWhatWasMissedOnly()
    {
        var timeout = TestTimeout.Token();
        var client = _host.AcmeClient();
        var session = await client.CreateAsync(cancellationToken: timeout);
        string lastId;
        using (var first = await RawSse.OpenAsync(_http, $"v1/sessions/{session.Id}/events", cancellationToken: timeout))
        {
            await client.SendAsync(session.Id, "before", timeout);
            await first.NextEventAsync(timeout);
            lastId = (await first.NextEventAsync(timeout)).Id!;
        }

        await client.SendAsync(session.Id, "while away", timeout);
        using var second = await RawSse.OpenAsync(_http, $"v1/sessions/{session.Id}/events", lastId, timeout);
        await client.SendAsync(session.Id, "after", timeout);
        var appended = new List<MessageAppended>();
        for (var i = 0; i < 4; i++)
        {
            appended.Add((MessageAppended)JsonSerializer.Deserialize<SessionEvent>((await second.NextEventAsync(timeout)).Data!, Json)!);
        }

        // Exactly the messages after Last-Event-ID, as the history holds them: nothing from before, nothing twice.
        var history = await client.GetHistoryAsync(session.Id, timeout);
        Assert.Equal(history.Skip(2).Select(h => (h.Sequence, h.Role, h.Text)), appended.Select(a => (a.Sequence, a.Role, a.Text)));
        Assert.Equal(["while away", "after"], appended.Where(a => a.Role == MessageRole.User).Select(a => a.Text));
    }

    [Fact]
    public async Task IdleStream_SendsHeartbeatComments()
    {
        var timeout = TestTimeout.Token();
        using var sse = await RawSse.OpenAsync(_http, "v1/events", cancellationToken: timeout);

        var block = await sse.NextAsync(timeout);

        Assert.Equal("heartbeat", block?.Comment);
    }

    [Fact]
    public async Task HttpClientSubscribe_CompletesWhenLive_AndReceivesEveryLaterEvent()
    {
        var timeout = TestTimeout.Token();
        var client = _host.AcmeClient();

        await using var subscription = await client.SubscribeAsync(cancellationToken: timeout);
        var created = await client.CreateAsync(cancellationToken: timeout);
        var received = new List<SessionEvent>();
        await foreach (var e in subscription.WithCancellation(timeout))
        {
            received.Add(e);
            break;
        }

        Assert.Equal(created.Id, Assert.IsType<SessionCreated>(Assert.Single(received)).SessionId);
    }

    [Fact]
    public async Task HostStopping_EndsOpenStreams()
    {
        var timeout = TestTimeout.Token();
        await using var host = await TestHost.StartRealAsync();
        var http = host.WithKey(TestHost.AcmeKey);
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var sse = await RawSse.OpenAsync(http, "v1/events", cancellationToken: timeout);

        var stopping = host.App.StopAsync(timeout);
        var end = await sse.NextAsync(timeout);
        await stopping;

        Assert.Null(end);
    }
}
