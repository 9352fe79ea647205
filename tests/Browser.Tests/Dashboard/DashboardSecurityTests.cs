using System.Net;
using JidoSessions.Browser.Tests.Support;
using JidoSessions.Client;
using JidoSessions.Host.Http.Dashboard;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Dashboard;

public sealed class DashboardSecurityTests(ChromiumFixture chromium) : DashboardTest(chromium)
{
    private const string ExpectedCsp =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    [Theory]
    [InlineData("dashboard", HttpStatusCode.OK, "text/html")]
    [InlineData("dashboard/", HttpStatusCode.OK, "text/html")]
    [InlineData("dashboard/app.js", HttpStatusCode.OK, "text/javascript")]
    [InlineData("dashboard/dashboard.css", HttpStatusCode.OK, "text/css")]
    [InlineData("dashboard/favicon.svg", HttpStatusCode.OK, "image/svg+xml")]
    [InlineData("dashboard/no-such-file.js", HttpStatusCode.NotFound, null)]
    public async Task Dashboard_Responses_CarryTheStrictHeaders(string path, HttpStatusCode status, string? mediaType)
    {
        using var response = await Host.Anonymous().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(ExpectedCsp, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(DashboardApi.ContentSecurityPolicy, ExpectedCsp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        if (mediaType is not null)
        {
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Dashboard_UsedThroughout_HasNoCspViolationsOrConsoleErrors()
    {
        var acme = Host.AcmeClient();
        var session = (await acme.GetOrCreateAsync(SessionKey.Parse("csp-check"))).Session;
        await acme.SendAsync(session.Id, "hello");

        var response = await Page.GotoAsync(Host.DashboardUrl);
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(session.Id);
        await Page.Locator("#sv-message").FillAsync("and again");
        await Page.Locator("#sv-send-button").ClickAsync();
        await Expect(Dashboard.Message(4)).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("chart-live-value")).ToHaveTextAsync("1");

        Assert.NotNull(response);
        Assert.Equal(ExpectedCsp, await response.HeaderValueAsync("content-security-policy"));
        Assert.Empty(await Dashboard.CspViolationsAsync());
        Assert.Empty(Dashboard.ConsoleErrors);
        Assert.Equal(0, await Page.Locator("style, [style], script:not([src])").CountAsync());
    }

    [Fact]
    public async Task Dashboard_MarkupInKeysAndMessages_IsShownAsText()
    {
        const string key = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        const string message = "<b>bold?</b><img src=x onerror=\"window.__xss=3\"><script>window.__xss=4</script>";
        var acme = Host.AcmeClient();
        var session = (await acme.GetOrCreateAsync(SessionKey.Parse(key))).Session;
        await acme.SendAsync(session.Id, message);

        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(session.Id);

        await Expect(Dashboard.Row(session.Id).Locator("td.key")).ToHaveTextAsync(key);
        await Expect(Page.GetByTestId("sv-key")).ToHaveTextAsync(key);
        await Expect(Dashboard.Message(1).Locator(".text")).ToHaveTextAsync(message);
        Assert.Equal(0, await Page.Locator("#main img, #main b, #main script").CountAsync());
        Assert.Null(await Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Empty(await Dashboard.CspViolationsAsync());
    }
}
