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
    public async Task Models_RetrieveTheListedModel_ReturnsTheSameCard()
    {
        var listed = JsonDocument.Parse(await _http.GetStringAsync("v1/models")).RootElement.GetProperty("data")[0];

        using var response = await _http.GetAsync("v1/models/jido-local-1");
        var model = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(listed.ToString(), model.ToString());
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("org/some-model")]
    public async Task Models_RetrieveAnUnknownModel_Returns404ModelNotFoundNamingIt(string id)
    {
        using var response = await _http.GetAsync("v1/models/" + id);

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.NotFound, "model_not_found");
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains(id, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_WithoutApiKey_Returns401InOpenAiShape()
    {
        using var response = await _host.Anonymous().GetAsync("v1/models");

        await OpenAiWire.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }
}
