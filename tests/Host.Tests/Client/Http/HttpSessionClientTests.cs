using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Client.Http;

/// <summary>The HTTP client against the real host: results, typed failures, streams and cancellation.</summary>
public sealed class HttpSessionClientTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Conversation_CreateSendHistoryConfigFiles_RoundTrips()
    {
        var client = _host.AcmeClient();
        var key = SessionKey.Parse("client:" + Guid.NewGuid());

        var created = await client.GetOrCreateAsync(key, new CreateSessionRequest { Config = new SessionConfig { Voice = "alto" } });
        var reply = await client.SendAsync(created.Session.Id, "ping");
        var configured = await client.SetConfigAsync(created.Session.Id, new SessionConfig { MaxFiles = 3 });
        var file = await client.AddFileAsync(created.Session.Id, new SessionFile("notes.md", "# hi"));
        var removed = await client.RemoveFileAsync(created.Session.Id, "missing.md");
        var history = await client.GetHistoryAsync(created.Session.Id);
        var page = await client.ListAsync(new ListSessionsQuery(SessionStatus.Active, 0, 1000));

        Assert.True(created.Created);
        Assert.Equal("echo: ping", reply.Text);
        Assert.Equal(("alto", 3), (configured.Config.Voice, configured.Config.MaxFiles));
        Assert.Equal("notes.md", file.Path);
        Assert.False(removed);
        Assert.Equal(["ping", "echo: ping"], history.Select(h => h.Text));
        Assert.Contains(page.Items, s => s.Id == created.Session.Id);
        Assert.Equal(TestHost.Acme, client.Tenant);
    }

    [Fact]
    public async Task SendStreaming_YieldsDeltasThenTheCompletedReply()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync()).Id;

        var updates = new List<TurnUpdate>();
        await foreach (var update in client.SendStreamingAsync(id, "a b"))
        {
            updates.Add(update);
        }

        Assert.Equal("echo: a b", string.Concat(updates.Select(u => u.Delta)));
        Assert.Equal("echo: a b", updates[^1].Completed?.Text);
        Assert.All(updates.SkipLast(1), u => Assert.Null(u.Completed));
    }

    [Fact]
    public async Task UnknownSession_EveryMethod_ThrowsSessionNotFound()
    {
        var client = _host.AcmeClient();
        var id = SessionId.New();

        Assert.Equal(id.ToString(), (await Assert.ThrowsAsync<SessionNotFoundException>(() => client.GetInfoAsync(id))).SessionIdOrKey);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.SendAsync(id, "x"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.TerminateAsync(id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.GetHistoryAsync(id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.SubscribeAsync(id));
        await Assert.ThrowsAsync<SessionNotFoundException>(async () =>
        {
            await foreach (var update in client.SendStreamingAsync(id, "x"))
            {
                Assert.Fail("no update expected: " + update);
            }
        });
    }

    [Fact]
    public async Task ModelFailure_ThrowsTurnFailedWithKind()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync()).Id;

        var failure = await Assert.ThrowsAsync<TurnFailedException>(() => client.SendAsync(id, "!fail"));

        Assert.Equal(("ServerError", 502, ErrorCodes.TurnFailed), (failure.Kind, failure.Status, failure.Code));
    }

    [Fact]
    public async Task InvalidConfig_ThrowsValidationNamingTheField()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync()).Id;

        var failure = await Assert.ThrowsAsync<ValidationException>(() => client.SetConfigAsync(id, new SessionConfig { MaxHistory = 0 }));

        Assert.True(failure.Errors.ContainsKey("maxHistory"));
    }

    [Fact]
    public async Task WrongApiKey_ThrowsSessionUnauthorized()
    {
        var client = _host.Client(TestHost.Acme, "not-a-real-key-0123456789");

        var failure = await Assert.ThrowsAsync<SessionUnauthorizedException>(() => client.ListAsync());

        Assert.Equal((401, ErrorCodes.Unauthorized), (failure.Status, failure.Code));
    }

    [Fact]
    public async Task UnreachableServer_ThrowsSessionUnavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var client = new HttpSessionClient(http, TestHost.AcmeKey, TestHost.Acme);

        await Assert.ThrowsAsync<SessionUnavailableException>(() => client.ListAsync());
    }

    [Fact]
    public async Task Cancellation_DuringATurn_ThrowsOperationCanceledAndTheServerCancelsTheTurn()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync()).Id;
        using var cancel = new CancellationTokenSource();
        var started = _host.Backend.NextTurnStartedAsync(TestHost.Acme, TestTimeout.Token());

        var send = client.SendAsync(id, "!hold", cancel.Token);
        while (await started != id)
        {
            started = _host.Backend.NextTurnStartedAsync(TestHost.Acme, TestTimeout.Token());
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        var next = await client.SendAsync(id, "after", TestTimeout.Token());
        Assert.Equal("echo: after", next.Text);
    }

    [Fact]
    public async Task Subscription_DisposedWhileReading_EndsTheEnumeration()
    {
        var client = _host.AcmeClient();
        var subscription = await client.SubscribeAsync(cancellationToken: TestTimeout.Token());
        var reading = Task.Run(async () =>
        {
            await foreach (var e in subscription)
            {
                _ = e;
            }
        });

        await subscription.DisposeAsync();

        await reading.WaitAsync(TestTimeout.Token()).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(reading.IsCompleted);
    }
}
