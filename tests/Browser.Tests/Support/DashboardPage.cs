using JidoSessions.Client;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Support;

/// <summary>
/// A fresh browser context on the dashboard, with what the page reported: console errors, uncaught exceptions and
/// Content-Security-Policy violations (recorded by an init script, which the page's CSP does not govern).
/// </summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private const string RecordCspViolations =
        "window.__cspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly IBrowserContext _context;

    private DashboardPage(IBrowserContext context, IPage page, DashboardHost host)
    {
        _context = context;
        Page = page;
        Host = host;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add("uncaught: " + error);
    }

    public IPage Page { get; }

    public DashboardHost Host { get; }

    public List<string> ConsoleErrors { get; } = [];

    public ILocator Rows => Page.Locator("#sessions-body tr");

    public ILocator Feed => Page.GetByTestId("feed");

    public ILocator Error => Page.GetByTestId("error");

    public ILocator History => Page.GetByTestId("sv-history");

    public ILocator SessionStatus => Page.GetByTestId("sv-status");

    public static async Task<DashboardPage> OpenAsync(ChromiumFixture chromium, DashboardHost host)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1360, Height = 960 },
            TimezoneId = "UTC",
            Locale = "en-US",
        });
        await context.AddInitScriptAsync(RecordCspViolations);
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page, host);
        await page.GotoAsync(host.DashboardUrl);
        return dashboard;
    }

    /// <summary>Opens the dashboard with a key; waits for the live feed to be connected when the key is valid.</summary>
    public async Task SignInAsync(string apiKey, bool expectLive = true)
    {
        await Page.Locator("#api-key").FillAsync(apiKey);
        await Page.Locator("#login-button").ClickAsync();
        if (expectLive)
        {
            await Expect(Page.GetByTestId("stream-state")).ToHaveTextAsync("feed: live");
        }
    }

    /// <summary>The table row of a session.</summary>
    public ILocator Row(SessionId id) => Page.Locator($"#sessions-body tr[data-session-id='{id}']");

    /// <summary>A history entry by sequence number.</summary>
    public ILocator Message(long sequence) => History.Locator($"li[data-kind='message'][data-sequence='{sequence}']");

    public async Task OpenSessionAsync(SessionId id)
    {
        await Row(id).Locator("td.key button").ClickAsync();
        await Expect(Page.GetByTestId("sv-id")).ToHaveTextAsync(id.ToString());
    }

    public async Task<string[]> CspViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.__cspViolations || []");

    /// <summary>Saves a full-page screenshot under the test output directory; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
