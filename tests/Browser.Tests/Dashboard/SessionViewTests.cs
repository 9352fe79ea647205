using JidoSessions.Browser.Tests.Support;
using JidoSessions.Client;
using static Microsoft.Playwright.Assertions;

namespace JidoSessions.Browser.Tests.Dashboard;

public sealed class SessionViewTests(ChromiumFixture chromium) : DashboardTest(chromium)
{
    [Fact]
    public async Task SessionView_SendMessageFromThePage_ShowsTheReply()
    {
        var acme = Host.AcmeClient();
        var session = (await acme.GetOrCreateAsync(SessionKey.Parse("chat-1"))).Session;
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(session.Id);

        await Page.Locator("#sv-message").FillAsync("my name is Ada");
        await Page.Locator("#sv-send-button").ClickAsync();

        await Expect(Dashboard.Message(2)).ToBeVisibleAsync();
        var history = await acme.GetHistoryAsync(session.Id);
        Assert.Equal(2, history.Count);
        await Expect(Dashboard.Message(1).Locator(".text")).ToHaveTextAsync("my name is Ada");
        await Expect(Dashboard.Message(2).Locator(".text")).ToHaveTextAsync(history[1].Text);
        await Expect(Page.GetByTestId("sv-reply")).ToContainTextAsync(history[1].Text);
        await Expect(Dashboard.Row(session.Id).Locator("td.num")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task SessionView_ForkAtAMessage_LandsOnTheForkWhoseHistoryIsThePrefix()
    {
        var acme = Host.AcmeClient();
        var source = (await acme.GetOrCreateAsync(SessionKey.Parse("to-fork"))).Session;
        await acme.SendAsync(source.Id, "first question");
        await acme.SendAsync(source.Id, "second question");
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(source.Id);
        await Expect(Dashboard.History.Locator("li[data-kind='message']")).ToHaveCountAsync(4);

        await Dashboard.Message(2).GetByRole(AriaRole.Button, new() { Name = "Fork here" }).ClickAsync();

        await Expect(Page.GetByTestId("sv-notice")).ToContainTextAsync($"Fork of {source.Id} at message #2");
        await Expect(Page.GetByTestId("sv-id")).Not.ToHaveTextAsync(source.Id.ToString());
        await Expect(Dashboard.History.Locator("li[data-kind='message']")).ToHaveCountAsync(2);
        await Expect(Dashboard.Message(1).Locator(".text")).ToHaveTextAsync("first question");
        await Expect(Dashboard.History.Locator("li[data-kind='fork']")).ToContainTextAsync("Forked at #2");
        var forkId = SessionId.Parse(await Page.GetByTestId("sv-id").InnerTextAsync());
        var forkHistory = await acme.GetHistoryAsync(forkId);
        Assert.Equal([1L, 2L], forkHistory.Select(m => m.Sequence));
        await Expect(Dashboard.Row(forkId)).ToBeVisibleAsync();
        await Expect(Dashboard.Feed.Locator("li[data-type='session_forked']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task SessionView_RewindToAMessage_MarksTheLaterMessagesRewound()
    {
        var acme = Host.AcmeClient();
        var session = (await acme.GetOrCreateAsync(SessionKey.Parse("to-rewind"))).Session;
        await acme.SendAsync(session.Id, "keep this");
        await acme.SendAsync(session.Id, "drop this");
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(session.Id);
        await Expect(Dashboard.History.Locator("li[data-kind='message']")).ToHaveCountAsync(4);

        await Dashboard.Message(2).GetByRole(AriaRole.Button, new() { Name = "Rewind here" }).ClickAsync();

        await Expect(Dashboard.History.Locator("li[data-kind='rewind']")).ToContainTextAsync("Rewound to #2");
        await Expect(Dashboard.Message(3)).ToHaveAttributeAsync("data-rewound", "true");
        await Expect(Dashboard.Message(4)).ToHaveAttributeAsync("data-rewound", "true");
        await Expect(Dashboard.Message(3)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\brewound\\b"));
        await Expect(Dashboard.Message(3).Locator(".tag")).ToHaveTextAsync("rewound");
        await Expect(Dashboard.Message(2)).ToHaveAttributeAsync("data-rewound", "false");
        await Expect(Dashboard.Message(3).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(Dashboard.Feed.Locator("li[data-type='session_rewound']")).ToContainTextAsync("rewound to #2");
        Assert.Equal(2, (await acme.GetHistoryAsync(session.Id)).Count);
    }

    [Fact]
    public async Task SessionView_EndSession_StatusChangesToTerminated()
    {
        var session = (await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("to-end"))).Session;
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(session.Id);
        await Expect(Dashboard.SessionStatus).ToHaveTextAsync("Active");

        await Page.Locator("#sv-end").ClickAsync();

        await Expect(Dashboard.SessionStatus).ToHaveTextAsync("Terminated");
        await Expect(Page.Locator("#sv-send-button")).ToBeDisabledAsync();
        await Expect(Dashboard.Feed.Locator("li[data-type='session_terminated']")).ToContainTextAsync("to-end");
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Host.AcmeClient().GetInfoAsync(session.Id));
    }

    [Fact]
    public async Task SessionView_SendFails_ShowsTheProblemAndCountsAFailure()
    {
        var session = (await Host.AcmeClient().GetOrCreateAsync(SessionKey.Parse("provider-down"))).Session;
        await Page.RouteAsync("**/v1/sessions/*/messages", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 502,
            ContentType = "application/problem+json",
            Body = "{\"type\":\"urn:jido:error:turn_failed\",\"title\":\"The model provider failed the turn\",\"status\":502,\"detail\":\"Provider answered 503.\",\"code\":\"turn_failed\"}",
        }));
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);
        await Dashboard.OpenSessionAsync(session.Id);

        await Page.Locator("#sv-message").FillAsync("anyone there?");
        await Page.Locator("#sv-send-button").ClickAsync();

        await Expect(Page.Locator("#error-code")).ToHaveTextAsync("turn_failed");
        await Expect(Page.Locator("#error-title")).ToHaveTextAsync("The model provider failed the turn");
        await Expect(Page.Locator("#error-detail")).ToHaveTextAsync("Provider answered 503.");
        await Expect(Page.GetByTestId("chart-failures-value")).ToHaveTextAsync("1");
        await Expect(Page.Locator("#sv-message")).ToHaveValueAsync("anyone there?");
    }

    [Fact]
    public async Task SessionView_ShowsConfigAndFiles()
    {
        var acme = Host.AcmeClient();
        var session = (await acme.GetOrCreateAsync(
            SessionKey.Parse("with-files"),
            new CreateSessionRequest { Config = new SessionConfig { SystemPrompt = "Be brief.", Metadata = new Dictionary<string, string> { ["team"] = "blue" } } })).Session;
        await acme.AddFileAsync(session.Id, new SessionFile("notes/plan.md", "step one"));
        await Dashboard.SignInAsync(DashboardHost.AcmeKey);

        await Dashboard.OpenSessionAsync(session.Id);

        await Expect(Page.GetByTestId("sv-config").Locator("tr[data-member='systemPrompt'] td")).ToHaveTextAsync("Be brief.");
        await Expect(Page.GetByTestId("sv-config").Locator("tr[data-member='model'] td")).ToHaveTextAsync("default");
        await Expect(Page.GetByTestId("sv-config")).ToContainTextAsync("metadata.teamblue");
        await Expect(Page.GetByTestId("sv-files")).ToContainTextAsync("notes/plan.md");
        await Expect(Page.GetByTestId("sv-files")).ToContainTextAsync("8 chars");
    }
}
