using JidoSessions.Actors.Tests.Llm;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>
/// The real host configured with <c>llm.provider = openai</c> pointing at a <see cref="FakeOpenAiServer"/> on loopback
/// (no retries, so a scripted failure is the turn's failure), shared by a test class.
/// </summary>
public sealed class ProviderHostFixture : IAsyncLifetime
{
    public const string Model = "fake-model";

    private FakeOpenAiServer? _provider;
    private TestHost? _host;

    public FakeOpenAiServer Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    internal TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        _provider = await FakeOpenAiServer.StartAsync();
        _host = await TestHost.StartRealAsync(settings =>
        {
            settings["jido:llm:provider"] = "openai";
            settings["jido:llm:openai:base-url"] = _provider.BaseUrl.ToString();
            settings["jido:llm:openai:model"] = Model;
            settings["jido:llm:openai:max-retries"] = "0";
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
