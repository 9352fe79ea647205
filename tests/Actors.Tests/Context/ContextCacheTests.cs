using JidoSessions.Actors.Context;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Context;

public sealed class ContextCacheTests
{
    private static CachedFile Entry(string sha, string text) => new(sha, text, 1);

    [Fact]
    public void Invalidate_OneSession_LeavesAnotherSessionsEntryForTheSamePath()
    {
        var cache = new ContextCache();
        SessionId a = SessionId.New(), b = SessionId.New();
        cache.GetOrAdd(a, "notes.md", "h1", () => Entry("h1", "from a"));
        cache.GetOrAdd(b, "notes.md", "h1", () => Entry("h1", "from b"));

        cache.Invalidate(a, "notes.md");

        Assert.False(cache.TryGet(a, "notes.md", out _));
        Assert.True(cache.TryGet(b, "notes.md", out var kept));
        Assert.Equal("from b", kept!.Text);
    }

    [Fact]
    public void GetOrAdd_SameHash_ReturnsCachedWithoutRecomputing()
    {
        var cache = new ContextCache();
        var id = SessionId.New();
        var computed = 0;

        cache.GetOrAdd(id, "a", "h", () => Entry("h", $"v{++computed}"));
        var second = cache.GetOrAdd(id, "a", "h", () => Entry("h", $"v{++computed}"));

        Assert.Equal(("v1", 1), (second.Text, computed));
    }

    [Fact]
    public void GetOrAdd_ContentHashChanged_RecomputesEvenWithoutInvalidation()
    {
        var cache = new ContextCache();
        var id = SessionId.New();
        cache.GetOrAdd(id, "a", "old", () => Entry("old", "stale"));

        var fresh = cache.GetOrAdd(id, "a", "new", () => Entry("new", "fresh"));

        Assert.Equal("fresh", fresh.Text);
    }

    [Fact]
    public void RemoveSession_DropsOnlyThatSessionsEntries()
    {
        var cache = new ContextCache();
        SessionId a = SessionId.New(), b = SessionId.New();
        cache.GetOrAdd(a, "x", "h", () => Entry("h", "a"));
        cache.GetOrAdd(a, "y", "h", () => Entry("h", "a"));
        cache.GetOrAdd(b, "x", "h", () => Entry("h", "b"));

        cache.RemoveSession(a);

        Assert.Equal((0, 1), (cache.Count(a), cache.Count(b)));
    }

    [Fact]
    public async Task SharedCache_ManySessionsSamePathsConcurrently_NeverSeeOrDropEachOthersEntries()
    {
        var cache = new ContextCache();
        var sessions = Enumerable.Range(0, 16).Select(_ => SessionId.New()).ToArray();
        using var start = new SemaphoreSlim(0);

        var workers = sessions.Select((id, index) => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var round = 0; round < 500; round++)
            {
                var path = $"shared/{round % 8}.md";
                var sha = $"{index}-{round}";
                var entry = cache.GetOrAdd(id, path, sha, () => Entry(sha, $"{id}:{sha}"));
                Assert.Equal($"{id}:{sha}", entry.Text);
                if (round % 3 == 0)
                {
                    cache.Invalidate(id, path);
                }

                // Workers that finished early hold "shared/final.md"; only their own sessions may drop it.
                cache.Invalidate(id, "shared/final.md");
            }

            // Each worker ends with a known entry that the other workers' invalidations must not touch.
            cache.GetOrAdd(id, "shared/final.md", "final", () => Entry("final", id.ToString()));
        })).ToArray();
        start.Release(sessions.Length);
        await Task.WhenAll(workers);

        Assert.All(sessions, id =>
        {
            Assert.True(cache.TryGet(id, "shared/final.md", out var entry));
            Assert.Equal(id.ToString(), entry!.Text);
            for (var i = 0; i < 8; i++)
            {
                if (cache.TryGet(id, $"shared/{i}.md", out var other))
                {
                    Assert.StartsWith(id.ToString(), other!.Text, StringComparison.Ordinal);
                }
            }
        });
    }
}
