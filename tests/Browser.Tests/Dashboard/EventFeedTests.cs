using JidoSessions.Browser.Tests.Support;
using JidoSessions.Client;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Dashboard;

public sealed class EventFeedTests(ChromiumFixture chromium) : DashboardTest(chromium)
{
    [Fact]
    public async Task Feed_StreamDrops_ReconnectsWithLastEventIdAndReloadsOnGap()
    {
        var session = (await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("before-gap"))).Session;
        var connections = 0;
        string? resumedFrom = null;
        await Page.RouteAsync("**/v1/events", async route =>
        {
            if (Interlocked.Increment(ref connections) == 1)
            {
                // A first stream that delivers one event and ends, as a dropped connection would. Its id is older than
            // this host's start (ids begin at the start time in ms × 10⁶), so the reconnect gets a "restarted" gap.
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 200,
                    ContentType = "text/event-stream",
                    Body = $"id: 42\r\nevent: session_status\r\ndata: {{\"type\":\"session_status\",\"sessionId\":\"{session.Id}\",\"tenant\":\"acme\",\"at\":\"2026-01-01T00:00:00Z\",\"from\":\"Active\",\"to\":\"Idle\",\"reason\":\"idle\"}}\r\n\r\n",
                });
                return;
            }

            resumedFrom = await route.Request.HeaderValueAsync("last-event-id");
            await route.ContinueAsync();
        });

        await Dashboard.SignInAsync(DashboardHost.AcmeKey, expectLive: false);

        await Expect(Dashboard.Feed.Locator("li[data-type='session_status']")).ToContainTextAsync("Active → Idle");
        await Expect(Dashboard.Feed.Locator("li[data-type='gap']")).ToContainTextAsync("restarted");
        Assert.Equal("42", resumedFrom);
        await Expect(Page.GetByTestId("stream-state")).ToHaveTextAsync("feed: live");

        // The gap re-read the table: the status the dropped stream reported is replaced by the listing's.
        await Expect(Dashboard.Row(session.Id).Locator(".status")).ToHaveTextAsync("Active");
        var later = (await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("after-gap"))).Session;
        await Expect(Dashboard.Row(later.Id)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SseParser_SplitChunksAndLineEndings_DispatchesWholeEvents()
    {
        var events = await Page.EvaluateAsync<string[]>(
            """
            async () => {
              const { SseParser } = await import('/dashboard/sse.js');
              const seen = [];
              const parser = new SseParser(e => seen.push(`${e.id}|${e.type}|${e.data}`));
              for (const chunk of [': heartbeat\n\n', 'id: 7\r', '\nevent: a\r\ndata: {"x"', ':1}\r\n\r\n',
                                   'id: 8\revent: b\rdata: one\rdata:two\r\r', 'id: 9\n\n', 'data: plain\n\n']) {
                parser.feed(chunk);
              }
              return seen;
            }
            """);

        Assert.Equal(["7|a|{\"x\":1}", "8|b|one\ntwo", "9|message|plain"], events);
    }
}
