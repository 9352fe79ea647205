using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Gateway;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>Keys never alias: strict percent-decoding, valid UTF-8, NFC only, no invisible or bidirectional characters.</summary>
public sealed class SessionKeyRulesTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Theory]
    [InlineData("u%zz")]
    [InlineData("u%")]
    [InlineData("u%4")]
    [InlineData("%FF")]
    [InlineData("%ED%A0%80")]
    [InlineData("%C0%AF")]
    [InlineData("u%E2%80")]
    [InlineData("u%E2%80%8Bv")]
    [InlineData("u%E2%80%AEv")]
    [InlineData("%EF%BB%BFu")]
    [InlineData("u%E2%81%A6v")]
    [InlineData("u%E2%80%A8v")]
    [InlineData("cafe%CC%81")]
    [InlineData("%E1%84%80%E1%85%A1")]
    public async Task GetOrCreate_AliasingKey_Returns400AndCreatesNothing(string encodedKey)
    {
        var before = await SessionCountAsync();

        var response = await PutRawAsync(encodedKey);

        Assert.True(response.Status == 400, $"{encodedKey}: {response.Status} {response.Body}");
        Assert.True(response.Json().GetProperty("errors").TryGetProperty("key", out _), response.Body);
        Assert.Equal(before, await SessionCountAsync());
    }

    [Fact]
    public async Task GetOrCreate_InvalidEscapeAndEscapedPercent_NeverReachOneSession()
    {
        var escaped = await PutRawAsync("u%25zz");
        var invalid = await PutRawAsync("u%zz");

        Assert.Equal(201, escaped.Status);
        Assert.Equal("u%zz", escaped.Json().GetProperty("session").GetProperty("key").GetString());
        Assert.Equal(400, invalid.Status);
    }

    [Theory]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("%EA%B0%80", "가")]
    [InlineData("a%2Fb", "a/b")]
    public async Task GetOrCreate_NfcKey_RoundTrips(string encodedKey, string key)
    {
        var response = await _http.PutAsync("v1/sessions/by-key/" + encodedKey + "-" + Guid.NewGuid().ToString("N"), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith(key + "-", (await response.Content.ReadFromJsonAsync<GetOrCreateResult>(Json))!.Session.Key?.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\u200Bb")]
    [InlineData("a\u202Eb")]
    [InlineData("\uFEFFab")]
    [InlineData("cafe\u0301")]
    public async Task ChatUserAndVoiceCallId_AliasingKey_Returns400NamingTheField(string key)
    {
        using var chat = await _http.PostAsJsonAsync(OpenAiWire.ChatPath, new { messages = new[] { new { role = "user", content = "hi" } }, user = key });
        using var voice = await _http.PostAsJsonAsync("voice/query", new { prompt = "hi", callId = key, accountId = "a", peerId = "p" });

        var error = await OpenAiWire.IsErrorAsync(chat, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal("user", error.GetProperty("param").GetString());
        await ProblemAssert.IsValidationProblemAsync(voice, "callId");
    }

    /// <summary>Sent byte for byte: HttpClient would re-escape an invalid escape such as %zz.</summary>
    private Task<RawResponse> PutRawAsync(string encodedKey) => RawHttp.SendAsync(
        fixture.Host.BaseAddress,
        RawHttp.Head($"PUT /v1/sessions/by-key/{encodedKey} HTTP/1.1", $"Authorization: Bearer {TestHost.AcmeKey}", "Content-Length: 0"),
        null,
        TestTimeout.Token());

    private async Task<int> SessionCountAsync() => (await fixture.Host.AcmeClient().ListAsync()).Total;
}
