using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Sessions;

public sealed class FilesApiTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task AddListRemove_File_RoundTrips()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;

        var added = await _http.PostAsJsonAsync($"v1/sessions/{id}/files", new { path = "src/app.cs", content = "class A {}", metadata = new Dictionary<string, string> { ["lang"] = "cs" } });
        var listed = await _http.GetFromJsonAsync<List<SessionFileInfo>>($"v1/sessions/{id}/files", Json);
        var removed = await _http.DeleteAsync($"v1/sessions/{id}/files?path=src%2Fapp.cs");
        var removedAgain = await _http.DeleteAsync($"v1/sessions/{id}/files?path=src%2Fapp.cs");
        var after = await _http.GetFromJsonAsync<List<SessionFileInfo>>($"v1/sessions/{id}/files", Json);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var info = await added.Content.ReadFromJsonAsync<SessionFileInfo>(Json);
        Assert.Equal(("src/app.cs", 10, "cs"), (info!.Path, info.Length, info.Metadata["lang"]));
        Assert.Equal(64, info.Sha256.Length);
        Assert.Equal("src/app.cs", Assert.Single(listed!).Path);
        Assert.True((await removed.Content.ReadFromJsonAsync<RemoveFileResponse>(Json))!.Removed);
        Assert.False((await removedAgain.Content.ReadFromJsonAsync<RemoveFileResponse>(Json))!.Removed);
        Assert.Empty(after!);
    }

    [Fact]
    public async Task Add_SamePathTwice_Replaces()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;

        await _http.PostAsJsonAsync($"v1/sessions/{id}/files", new { path = "a.txt", content = "one" });
        await _http.PostAsJsonAsync($"v1/sessions/{id}/files", new { path = "a.txt", content = "three" });
        var listed = await _http.GetFromJsonAsync<List<SessionFileInfo>>($"v1/sessions/{id}/files", Json);

        Assert.Equal(5, Assert.Single(listed!).Length);
    }
}
