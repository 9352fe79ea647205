using System.Net;
using System.Text.Json;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary><c>GET /v1/models</c> with the local model (the provider's model: see <see cref="ChatCompletionsProviderTests"/>).</summary>
public sealed class ModelsApiTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Models_List_ReturnsTheConfiguredModel()
    {
        using var response = await _http.GetAsync("v1/models");
        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("list", list.GetProperty("object").GetString());
        var model = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal("jido-local-1", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("jido", model.GetProperty("owned_by").GetString());
        Assert.True(model.GetProperty("created").GetInt64() > 1_700_000_000);
    }

    [Fact]
    public async Task Models_WithoutApiKey_Returns401InOpenAiShape()
    {
        using var response = await _host.Anonymous().GetAsync("v1/models");

        await OpenAiWire.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }
}
