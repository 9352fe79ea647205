using JidoSessions.Browser.Tests.Support;
using JidoSessions.Client;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Dashboard;

public sealed class SessionsTableTests(ChromiumFixture chromium) : DashboardTest(chromium)
{
    [Fact]
    public async Task Table_SessionCreatedThroughTheApi_AppearsWithoutReload()
    {
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Expect(Page.Locator("#sessions-empty")).ToBeVisibleAsync();

        var created = await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("arrived-live"));

        await Expect(Dashboard.Row(created.Session.Id).Locator("td.key")).ToHaveTextAsync("arrived-live");
        await Expect(Dashboard.Feed.Locator("li[data-type='session_created']")).ToContainTextAsync("arrived-live");
        await Expect(Page.GetByTestId("chart-live-value")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Table_MessageSentThroughTheApi_UpdatesTheCountLive()
    {
        var acme = Host.AcmeClient();
        var session = (await acme.GetOrCreateAsync(SessionKey.Parse("counting"))).Session;
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Expect(Dashboard.Row(session.Id).Locator("td.num")).ToHaveTextAsync("0");

        await acme.SendAsync(session.Id, "hello there");

        await Expect(Dashboard.Row(session.Id).Locator("td.num")).ToHaveTextAsync("2");
        await Expect(Dashboard.Feed.Locator("li[data-type='message_appended']")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Table_OtherTenantsSessions_NeverAppear()
    {
        var globex = Host.GlobexClient();
        await globex.GetOrCreateAsync(SessionKey.Parse("globex-before"));
        await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("acme-only"));
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);

        var during = (await globex.GetOrCreateAsync(SessionKey.Parse("globex-during"))).Session;
        await globex.SendAsync(during.Id, "globex secret");
        var marker = (await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("acme-after"))).Session;

        // Events are delivered in order: once Acme's later session is listed, Globex's would have been too.
        await Expect(Dashboard.Row(marker.Id)).ToBeVisibleAsync();
        await Expect(Dashboard.Feed.Locator("li[data-type='session_created']")).ToHaveCountAsync(1);
        await Expect(Dashboard.Rows).ToHaveCountAsync(2);
        await Expect(Page.Locator("#sessions")).Not.ToContainTextAsync("globex");
        await Expect(Dashboard.Feed).Not.ToContainTextAsync("globex");
        await Expect(Page.GetByTestId("tenant")).ToHaveTextAsync("tenant: acme");
    }

    [Fact]
    public async Task Table_Paging_MovesThroughPagesWithOffsetAndLimit()
    {
        var acme = Host.AcmeClient();
        for (var i = 0; i < 30; i++)
        {
            await acme.GetOrCreateAsync(SessionKey.Parse($"page-{i:D2}"));
        }

        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Page.Locator("#page-size").SelectOptionAsync("25");

        await Expect(Dashboard.Rows).ToHaveCountAsync(25);
        await Expect(Page.GetByTestId("page-info")).ToHaveTextAsync("1–25 of 30");
        await Page.Locator("#page-next").ClickAsync();
        await Expect(Page.GetByTestId("page-info")).ToHaveTextAsync("26–30 of 30");
        await Expect(Dashboard.Rows).ToHaveCountAsync(5);
        await Expect(Dashboard.Rows.First.Locator("td.key")).ToHaveTextAsync("page-04");
        await Expect(Page.Locator("#page-next")).ToBeDisabledAsync();
        await Page.Locator("#page-prev").ClickAsync();
        await Expect(Dashboard.Rows.First.Locator("td.key")).ToHaveTextAsync("page-29");
    }

    [Fact]
    public async Task Table_KeyFilterAndExactLookup_FindTheSession()
    {
        var acme = Host.AcmeClient();
        await acme.GetOrCreateAsync(SessionKey.Parse("order/1"));
        await acme.GetOrCreateAsync(SessionKey.Parse("order/12"));
        var other = (await acme.GetOrCreateAsync(SessionKey.Parse("support é 42"))).Session;
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Expect(Dashboard.Rows).ToHaveCountAsync(3);

        await Page.Locator("#filter-key").FillAsync("order");
        await Expect(Dashboard.Rows).ToHaveCountAsync(2);
        await Page.Locator("#filter-key").FillAsync("support é 42");
        await Page.Locator("#find-key").ClickAsync();

        await Expect(Dashboard.Rows).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("sv-id")).ToHaveTextAsync(other.Id.ToString());
        await Expect(Page.GetByTestId("sv-key")).ToHaveTextAsync("support é 42");
    }

    [Fact]
    public async Task Table_StatusFilter_ListsOnlyThatStatus()
    {
        var acme = Host.AcmeClient();
        await acme.GetOrCreateAsync(SessionKey.Parse("active-one"));
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);

        await Page.Locator("#filter-status").SelectOptionAsync("Failed");
        await Expect(Page.Locator("#sessions-empty")).ToBeVisibleAsync();
        await Page.Locator("#filter-status").SelectOptionAsync("Active");

        await Expect(Dashboard.Rows).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("page-info")).ToHaveTextAsync("1–1 of 1");
    }
}
