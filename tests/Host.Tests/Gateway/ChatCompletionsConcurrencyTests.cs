using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>Many chat completions on one key at once: one session, one turn after another.</summary>
public sealed class ChatCompletionsConcurrencyTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private const int Requests = 50;
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();

    [Fact]
    public async Task Complete_50ConcurrentRequestsOnOneKey_OneSessionHoldsEveryTurnUninterleaved()
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Requests }) { BaseAddress = fixture.Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestHost.AcmeKey);
        var key = "chat:concurrent:" + Guid.NewGuid();
        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, Requests).Select(async i =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"message number {i:00}");
            await gate.WaitAsync();
            using var request = OpenAiWire.Post(OpenAiWire.Body(text), key);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {i}: {(int)response.StatusCode} {body}");
            return (Text: text, Reply: OpenAiWire.Content(JsonDocument.Parse(body).RootElement), Session: response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single());
        }).ToList();

        gate.Release(Requests);
        var results = await Task.WhenAll(calls);

        var sessionId = Assert.Single(results.Select(r => r.Session).Distinct());
        Assert.All(results, r => Assert.StartsWith($"You said: \"{r.Text}\".", r.Reply));
        var history = (await http.GetFromJsonAsync<List<HistoryEntry>>($"v1/sessions/{sessionId}/history", Json))!;
        Assert.Equal(2 * Requests, history.Count);
        for (var turn = 0; turn < Requests; turn++)
        {
            var user = history[2 * turn];
            var assistant = history[(2 * turn) + 1];
            Assert.Equal(MessageRole.User, user.Role);
            Assert.Equal(MessageRole.Assistant, assistant.Role);
            var earlier = turn == 1 ? "1 earlier message" : string.Create(CultureInfo.InvariantCulture, $"{turn} earlier messages");
            Assert.Equal($"You said: \"{user.Text}\". This conversation has {earlier}.", assistant.Text);
        }

        Assert.Equal(results.Select(r => r.Text).Order(StringComparer.Ordinal), history.Where(h => h.Role == MessageRole.User).Select(h => h.Text).Order(StringComparer.Ordinal));

        // The listing catches up with turns off their path (one coalesced row write at a time).
        await Eventually.AwaitAssertAsync(async () =>
        {
            var sessions = (await http.GetFromJsonAsync<SessionPage>("v1/sessions?limit=1000", Json))!;
            var keyed = Assert.Single(sessions.Items, s => s.Key?.Value == key);
            Assert.Equal(sessionId, keyed.Id.ToString());
            Assert.Equal(2 * Requests, keyed.MessageCount);
        });
    }
}
