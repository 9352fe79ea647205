using JidoSessions.Browser.Tests.Support;
using JidoSessions.Client;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Dashboard;

public sealed class DashboardLoginTests(ChromiumFixture chromium) : DashboardTest(chromium)
{
    [Fact]
    public async Task SignIn_WithTenantKey_ShowsTheTenantsSessions()
    {
        var acme = Host.AcmeClient();
        var first = await acme.GetOrCreateAsync(SessionKey.Parse("call-1"));
        var second = await acme.GetOrCreateAsync(SessionKey.Parse("call-2"));

        await Dashboard.SignInAsync(DashboardHost.AcmeKey);

        await Expect(Dashboard.Rows).ToHaveCountAsync(2);
        await Expect(Dashboard.Row(first.Session.Id).Locator("td.key")).ToHaveTextAsync("call-1");
        await Expect(Dashboard.Row(second.Session.Id).Locator("td.key")).ToHaveTextAsync("call-2");
        await Expect(Dashboard.Row(first.Session.Id).Locator(".status")).ToHaveTextAsync("Active");
        await Expect(Page.GetByTestId("tenant")).ToHaveTextAsync("tenant: acme");
        await Expect(Page.GetByTestId("sessions-total")).ToHaveTextAsync("(2)");
    }

    [Fact]
    public async Task SignIn_WithWrongKey_ShowsTheProblemTitleDetailAndCode()
    {
        await Dashboard.SignInAsync("not-a-valid-key-0000000000", expectLive: false);

        await Expect(Dashboard.Error).ToBeVisibleAsync();
        await Expect(Page.Locator("#error-code")).ToHaveTextAsync("unauthorized");
        await Expect(Page.Locator("#error-title")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("#error-detail")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("#login")).ToBeVisibleAsync();
        await Expect(Page.Locator("#main")).ToBeHiddenAsync();
        Assert.Null(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('jido.dashboard.apiKey')"));
    }

    [Fact]
    public async Task SignIn_KeepsTheKeyInSessionStorageOnly_NeverInTheUrlOrLocalStorage()
    {
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);

        Assert.Equal(DashboardHost.AcmeKey, await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('jido.dashboard.apiKey')"));
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.DoesNotContain(DashboardHost.AcmeKey, Page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(Dashboard.ConsoleErrors, e => e.Contains(DashboardHost.AcmeKey, StringComparison.Ordinal));
        await Expect(Page.Locator("#api-key")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Reload_AfterSignIn_StaysSignedInForTheTab_SignOutForgetsTheKey()
    {
        await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("kept"));
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);

        await Page.ReloadAsync();
        await Expect(Dashboard.Rows).ToHaveCountAsync(1);
        await Page.Locator("#sign-out").ClickAsync();

        await Expect(Page.Locator("#login")).ToBeVisibleAsync();
        Assert.Null(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('jido.dashboard.apiKey')"));
    }
}
