using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Sharding;

/// <summary>The seed system's concurrency scenarios, each with assertions on every reply and every stored message.</summary>
public sealed class ConcurrencyScenarioTests : IAsyncLifetime
{
    private SessionSystem _system = null!;
    private ISessionClient _client = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSessionSystems.StartAsync();
        _client = _system.ForTenant(TenantId.Default);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task GetOrCreate_ThousandConcurrentCallersOnOneKey_OneIdAndOneCreatedEvent_Repeated20Times()
    {
        await using var recorder = await _client.RecordEventsAsync();
        var ids = new List<SessionId>();

        for (var round = 0; round < 20; round++)
        {
            var key = SessionKey.Parse($"hot-key-{round}");
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var callers = Enumerable.Range(0, 1_000).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await _client.GetOrCreateAsync(key);
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(callers);

            var id = Assert.Single(results.Select(r => r.Session.Id).Distinct());
            Assert.Single(results, r => r.Created);
            Assert.All(results, r => Assert.Equal(key, r.Session.Key));
            ids.Add(id);
        }

        await Eventually.AwaitAssertAsync(() => Assert.Equal(20, recorder.Events.OfType<SessionCreated>().Count()));
        Assert.Equal(ids.Order(), recorder.Events.OfType<SessionCreated>().Select(e => e.SessionId).Order());
        Assert.Equal(20, (await _client.ListAsync()).Total);
    }

    [Fact]
    public async Task TenSessionsCreatedAtOnce_TwentyConcurrentTasks_EachKeyOneSessionWithAllItsTurns()
    {
        var keys = Enumerable.Range(0, 10).Select(i => SessionKey.Parse($"user-{i}")).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(task => Task.Run(async () =>
        {
            var key = keys[task % keys.Length];
            var session = (await _client.GetOrCreateAsync(key)).Session.Id;
            var reply = await _client.SendAsync(session, $"task {task} says hi");
            Assert.Equal(session, reply.SessionId);
            return (Task: task, Key: key, Session: session);
        })));

        foreach (var group in results.GroupBy(r => r.Key))
        {
            var session = Assert.Single(group.Select(r => r.Session).Distinct());
            var history = await _client.GetHistoryAsync(session);
            Assert.Equal(4, history.Count);
            Assert.Equal(
                group.Select(r => $"task {r.Task} says hi").Order(),
                history.Where(h => h.Role == MessageRole.User).Select(h => h.Text).Order());
        }

        Assert.Equal(10, results.Select(r => r.Session).Distinct().Count());
    }

    [Fact]
    public async Task ConcurrentSendsAcross500Sessions_EveryHistoryHoldsOnlyItsOwnCanaries()
    {
        var sessions = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => _client.CreateAsync()));
        var canaries = sessions.ToDictionary(s => s.Id, s => Enumerable.Range(0, 3).Select(n => $"canary-{s.Id:N}-{n}").ToArray());

        var sends = canaries.SelectMany(pair => pair.Value.Select(canary => (pair.Key, canary))).ToArray();
        var replies = await Task.WhenAll(sends.Select(s => Task.Run(() => _client.SendAsync(s.Key, s.canary))));

        Assert.All(replies.Zip(sends), pair => Assert.Equal(pair.Second.Key, pair.First.SessionId));
        foreach (var (id, own) in canaries)
        {
            var history = await _client.GetHistoryAsync(id);
            var userTexts = history.Where(h => h.Role == MessageRole.User).Select(h => h.Text).ToArray();
            Assert.Equal(own.Order(), userTexts.Order());
            var foreign = history.SelectMany(h => CanariesIn(h.Text)).Where(c => !own.Contains(c)).ToArray();
            Assert.Empty(foreign);
        }
    }

    [Fact]
    public async Task MixedConcurrentCreateSendTerminate_SurvivorsIntactAndEndedGone()
    {
        for (var round = 0; round < 3; round++)
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
            {
                var session = (await _client.GetOrCreateAsync(SessionKey.Parse($"mixed-{round}-{i}"))).Session.Id;
                await _client.SendAsync(session, $"first words of {i}");
                var ended = i % 3 == 0;
                if (ended)
                {
                    await _client.TerminateAsync(session);
                }
                else
                {
                    await _client.SendAsync(session, $"second words of {i}");
                }

                return (i, session, ended);
            })));

            foreach (var (i, session, ended) in outcomes)
            {
                if (ended)
                {
                    await Assert.ThrowsAsync<SessionNotFoundException>(() => _client.GetHistoryAsync(session));
                    continue;
                }

                var users = (await _client.GetHistoryAsync(session)).Where(h => h.Role == MessageRole.User).Select(h => h.Text);
                Assert.Equal([$"first words of {i}", $"second words of {i}"], users);
            }
        }
    }

    private static IEnumerable<string> CanariesIn(string text) =>
        text.Split([' ', '"', '.', ',', ':'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("canary-", StringComparison.Ordinal));
}
