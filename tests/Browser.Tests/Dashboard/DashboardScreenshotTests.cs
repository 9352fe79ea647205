using JidoSessions.Browser.Tests.Support;
using JidoSessions.Client;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Dashboard;

public sealed class DashboardScreenshotTests(ChromiumFixture chromium) : DashboardTest(chromium)
{
    /// <summary>
    /// The main view with a few sessions, live events and charts, saved as <c>screenshots/dashboard.png</c> in the
    /// test output directory (docs/dashboard.png is a copy of it).
    /// </summary>
    [Fact]
    public async Task MainView_WithAFewSessions_ShowsTableFeedAndChartsAndIsSaved()
    {
        var acme = Host.AcmeClient();
        await acme.GetOrCreateAsync(SessionKey.Parse("support-ticket-1042"));
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        var keys = new[] { "call-7781", "checkout-assistant", "onboarding/ada", "voice:+1-555-0100" };
        SessionInfo? last = null;
        foreach (var key in keys)
        {
            last = (await acme.GetOrCreateAsync(SessionKey.Parse(key))).Session;
            await acme.SendAsync(last.Id, $"Hello, I am calling about {key}.");
        }

        await acme.SendAsync(last!.Id, "My name is Ada. Please remember it.");
        await acme.SendAsync(last.Id, "What is my name?");

        await Expect(Dashboard.Rows).ToHaveCountAsync(5);
        await Expect(Dashboard.Row(last.Id).Locator("td.num")).ToHaveTextAsync("6");
        await Expect(Page.GetByTestId("chart-live-value")).ToHaveTextAsync("5");
        await Expect(Dashboard.Feed.Locator("li[data-type='message_appended']")).ToHaveCountAsync(12);
        await Dashboard.OpenSessionAsync(last.Id);
        await Expect(Dashboard.History.Locator("li[data-kind='message']")).ToHaveCountAsync(6);

        // The charts advance once a second: wait until each has drawn a few points (auto-waiting, no sleep).
        foreach (var chart in new[] { "#chart-live", "#chart-turns", "#chart-failures" })
        {
            await Expect(Page.Locator(chart)).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^([4-9]|[1-9][0-9]+)$"));
        }

        var path = await Dashboard.ScreenshotAsync("dashboard");

        Assert.True(new FileInfo(path).Length > 10_000, $"screenshot {path} looks empty");
    }
}
