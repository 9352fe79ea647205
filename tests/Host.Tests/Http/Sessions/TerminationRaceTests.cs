using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Host.Tests.Http.Sessions;

/// <summary>
/// Get-or-create and DELETE racing a session's termination, on the real session system over HTTP: every answer is
/// one the caller can act on (PUT 200/201, DELETE 204/404), never a 503, an actor path or a logged stack trace, and
/// the key ends every round naming at most one live session.
/// </summary>
public sealed class TerminationRaceTests : IAsyncLifetime
{
    private const int Rounds = 20;
    private const int Puts = 200;
    private const int Deletes = 50;
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private static readonly string[] Leaks = ["akka://", "akka.tcp://", "/system/", "/user/", "ReplyInfoAs", "Exception", "   at "];

    private readonly CapturedLogs _logs = new();
    private TestHost? _host;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartRealAsync(services: s => s.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task PutsAndDeletesRacingTermination_20Rounds_ConsistentAnswersAndOneLiveSessionPerKey()
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Puts + Deletes }) { BaseAddress = _host!.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestHost.AcmeKey);

        var (deleted, recreated) = (0, 0);
        for (var round = 0; round < Rounds; round++)
        {
            var path = "v1/sessions/by-key/" + Uri.EscapeDataString($"race:{round}:{Guid.NewGuid():N}");
            var first = await http.PutAsync(path, null);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            var original = (await first.Content.ReadFromJsonAsync<GetOrCreateResult>(Json))!.Session.Id;
            var latest = original;

            using var gate = new SemaphoreSlim(0);
            var puts = Enumerable.Range(0, Puts).Select(async _ =>
            {
                await gate.WaitAsync();
                using var response = await http.PutAsync(path, null);
                var body = await response.Content.ReadAsStringAsync();
                var result = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<GetOrCreateResult>(body, Json) : null;
                if (result is not null)
                {
                    latest = result.Session.Id;
                }

                return (response.StatusCode, Body: body, Result: result);
            }).ToList();
            var deletes = Enumerable.Range(0, Deletes).Select(async i =>
            {
                await gate.WaitAsync();
                using var response = await http.DeleteAsync("v1/sessions/" + (i % 2 == 0 ? original : latest));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }).ToList();

            gate.Release(Puts + Deletes);
            var putResults = await Task.WhenAll(puts);
            var deleteResults = await Task.WhenAll(deletes);

            Assert.All(putResults, r => Assert.True(
                r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created && r.Result is not null,
                $"round {round}: PUT answered {(int)r.StatusCode} {r.Body}"));
            Assert.All(deleteResults, r => Assert.True(
                r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound,
                $"round {round}: DELETE answered {(int)r.StatusCode} {r.Body}"));
            Assert.All(putResults.Select(r => r.Body).Concat(deleteResults.Select(r => r.Body)), body =>
                Assert.DoesNotContain(Leaks, leak => body.Contains(leak, StringComparison.Ordinal)));

            // A PUT that got 201 created that session; every session a PUT named (but the one from before the round)
            // was created by exactly one of them, and a PUT that got 200 did not create it.
            Assert.All(putResults, r => Assert.Equal(r.StatusCode == HttpStatusCode.Created, r.Result!.Created));
            var ids = putResults.Select(r => r.Result!.Session.Id).Distinct().ToList();
            Assert.All(ids.Where(id => id != original), id =>
                Assert.Single(putResults, r => r.Result!.Session.Id == id && r.Result.Created));
            Assert.DoesNotContain(putResults, r => r.Result!.Session.Id == original && r.Result.Created);
            deleted += deleteResults.Count(r => r.StatusCode == HttpStatusCode.NoContent);
            recreated += ids.Count(id => id != original);

            // Once the dust settles, the key names at most one live session, and every other session of the round is gone.
            using var now = await http.GetAsync(path);
            Assert.True(now.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET by key answered {(int)now.StatusCode}");
            SessionId? live = now.StatusCode == HttpStatusCode.OK ? (await now.Content.ReadFromJsonAsync<SessionInfo>(Json))!.Id : null;
            foreach (var id in ids.Append(original).Distinct().Where(id => id != live))
            {
                await Eventually.AwaitAssertAsync(async () =>
                {
                    using var gone = await http.GetAsync("v1/sessions/" + id);
                    Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
                });
            }
        }

        // The race really happened: sessions were ended under the PUTs, and PUTs after an end created new ones.
        Assert.True(deleted >= Rounds, $"only {deleted} DELETEs ended a session");
        Assert.True(recreated > 0, "no PUT ever arrived after a DELETE");
        Assert.Empty(_logs.Entries.Where(e => e.Exception is not null || e.Level >= LogLevel.Error)
            .Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}"));
    }
}
