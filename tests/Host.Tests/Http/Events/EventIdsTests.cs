using System.Globalization;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Configuration;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Events;

/// <summary>
/// SSE event ids keep growing across a host restart, events published before the first subscriber are kept, and a
/// Last-Event-ID the replay cannot fully serve gets an explicit gap marker first (real session system).
/// </summary>
public sealed class EventIdsTests
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();

    [Fact]
    public async Task Restart_LastEventIdFromBefore_GapMarkerThenEveryEventSinceTheRestartWithLargerIds()
    {
        using var directory = new TempDirectory();
        var database = Path.Combine(directory.Path, "data", "jido.db");
        void Sqlite(Dictionary<string, string?> s)
        {
            s["jido:storage:provider"] = "sqlite";
            s["jido:storage:sqlite:path"] = database;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        long before;
        await using (var first = await TestHost.StartRealAsync(Sqlite))
        {
            using var sse = await RawSse.OpenAsync(first.WithKey(TestHost.AcmeKey), "v1/events", cancellationToken: timeout.Token);
            var session = await first.AcmeClient().CreateAsync();
            before = Id(await NextOfAsync(sse, session.Id, SessionCreated.TypeName, timeout.Token));
        }

        await using var second = await TestHost.StartRealAsync(Sqlite);
        var client = second.AcmeClient();

        // Six sessions before anyone subscribes to the restarted host.
        var created = new List<SessionId>();
        for (var i = 0; i < 6; i++)
        {
            created.Add((await client.CreateAsync(cancellationToken: timeout.Token)).Id);
        }

        using var again = await RawSse.OpenAsync(second.WithKey(TestHost.AcmeKey), "v1/events", before.ToString(CultureInfo.InvariantCulture), timeout.Token);
        var gap = await again.NextEventAsync(timeout.Token);
        Assert.Equal(EventsMissed.TypeName, gap.Event);
        var missed = Gap(gap);
        Assert.Equal(("restarted", before.ToString(CultureInfo.InvariantCulture), TestHost.Acme), (missed.Reason, missed.LastEventId, missed.Tenant));
        Assert.Equal(gap.Id, missed.ResumesAfter);
        Assert.True(Id(gap) > before, $"the gap's id {gap.Id} must be above the pre-restart id {before}");

        var seen = new List<(long Id, SessionEvent Event)>();
        while (seen.Count(e => e.Event is SessionCreated) < created.Count)
        {
            var block = await again.NextEventAsync(timeout.Token);
            seen.Add((Id(block), JsonSerializer.Deserialize<SessionEvent>(block.Data!, Json)!));
        }

        Assert.Equal(created, seen.Select(e => e.Event).OfType<SessionCreated>().Select(e => e.SessionId));
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => Id(gap) + 1 + i), seen.Select(e => e.Id));
    }

    [Fact]
    public async Task LastEventIdOlderThanTheReplay_GapMarkerNamingIt_ThenTheKeptEventsInOrder()
    {
        await using var host = await TestHost.StartRealAsync(s => s["jido:http:event-replay"] = "10");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var sse = await RawSse.OpenAsync(host.WithKey(TestHost.AcmeKey), "v1/events", cancellationToken: timeout.Token);
        var client = host.AcmeClient();
        var first = await client.CreateAsync();
        var oldest = Id(await NextOfAsync(sse, first.Id, SessionCreated.TypeName, timeout.Token));
        SessionId last = first.Id;
        for (var i = 0; i < 20; i++)
        {
            last = (await client.CreateAsync()).Id;
        }

        var newest = Id(await NextOfAsync(sse, last, SessionCreated.TypeName, timeout.Token));

        using var late = await RawSse.OpenAsync(host.WithKey(TestHost.AcmeKey), "v1/events", oldest.ToString(CultureInfo.InvariantCulture), timeout.Token);
        var gap = await late.NextEventAsync(timeout.Token);
        var missed = Gap(gap);
        Assert.Equal("expired", missed.Reason);
        Assert.Equal(oldest.ToString(CultureInfo.InvariantCulture), missed.LastEventId);
        var replayed = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            replayed.Add(Id(await late.NextEventAsync(timeout.Token)));
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => Id(gap) + 1 + i), replayed);
        Assert.True(replayed[^1] >= newest, $"the replay ends at {replayed[^1]}, before the newest event seen live ({newest})");
    }

    [Fact]
    public async Task LastEventIdStillKept_NoGapMarker_JustTheEventsAfterIt()
    {
        await using var host = await TestHost.StartRealAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var sse = await RawSse.OpenAsync(host.WithKey(TestHost.AcmeKey), "v1/events", cancellationToken: timeout.Token);
        var client = host.AcmeClient();
        var first = await client.CreateAsync();
        var after = Id(await NextOfAsync(sse, first.Id, SessionCreated.TypeName, timeout.Token));
        var second = await client.CreateAsync();
        await NextOfAsync(sse, second.Id, SessionCreated.TypeName, timeout.Token);

        using var resumed = await RawSse.OpenAsync(host.WithKey(TestHost.AcmeKey), "v1/events", after.ToString(CultureInfo.InvariantCulture), timeout.Token);
        var third = await client.CreateAsync();

        // The live event of a session created after resuming is the barrier: everything before it was the replay.
        var blocks = new List<RawSseBlock>();
        while (blocks.LastOrDefault() is not { } b || !b.Data!.Contains(third.Id.ToString(), StringComparison.Ordinal) || b.Event != SessionCreated.TypeName)
        {
            blocks.Add(await resumed.NextEventAsync(timeout.Token));
        }

        Assert.DoesNotContain(blocks, b => b.Event == EventsMissed.TypeName);
        Assert.Equal(after + 1, Id(blocks[0]));
        Assert.Contains(blocks, b => b.Event == SessionCreated.TypeName && b.Data!.Contains(second.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task LastEventIdThisServerNeverSent_GapMarkerUnknown()
    {
        await using var host = await TestHost.StartRealAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var sse = await RawSse.OpenAsync(host.WithKey(TestHost.AcmeKey), "v1/events", long.MaxValue.ToString(CultureInfo.InvariantCulture), timeout.Token);

        var missed = Gap(await sse.NextEventAsync(timeout.Token));
        Assert.Equal("unknown", missed.Reason);
    }

    /// <summary>A gap marker's data, as the HTTP client reads it.</summary>
    private static EventsMissed Gap(RawSseBlock block)
    {
        Assert.Equal(EventsMissed.TypeName, block.Event);
        using var data = JsonDocument.Parse(block.Data!);
        Assert.False(data.RootElement.TryGetProperty("sessionId", out _));
        Assert.Equal(EventsMissed.TypeName, data.RootElement.GetProperty("type").GetString());
        var root = data.RootElement;
        return new EventsMissed(
            TenantId.Parse(root.GetProperty("tenant").GetString()),
            root.GetProperty("at").GetDateTimeOffset(),
            root.GetProperty("lastEventId").GetString()!,
            root.GetProperty("resumesAfter").GetString()!,
            root.GetProperty("reason").GetString()!);
    }

    private static long Id(RawSseBlock block) => long.Parse(block.Id!, CultureInfo.InvariantCulture);

    private static async Task<RawSseBlock> NextOfAsync(RawSse sse, SessionId session, string type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var block = await sse.NextEventAsync(cancellationToken);
            if (block.Event == type && block.Data!.Contains(session.ToString(), StringComparison.Ordinal))
            {
                return block;
            }
        }
    }
}
