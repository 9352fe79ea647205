namespace JidoSessions.Browser.Tests.Support;

/// <summary>Each test: a fresh host (real session system, in memory) and a fresh browser context on its dashboard.</summary>
[Collection(BrowserCollection.Name)]
public abstract class DashboardTest(ChromiumFixture chromium) : IAsyncLifetime
{
    private DashboardHost? _host;
    private DashboardPage? _dashboard;

    internal DashboardHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    internal DashboardPage Dashboard => _dashboard ?? throw new InvalidOperationException("The page is not open.");

    internal IPage Page => Dashboard.Page;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        _dashboard = await DashboardPage.OpenAsync(chromium, _host);
    }

    public async Task DisposeAsync()
    {
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
