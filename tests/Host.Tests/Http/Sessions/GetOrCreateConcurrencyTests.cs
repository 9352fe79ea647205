using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Sessions;

public sealed class GetOrCreateConcurrencyTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();

    [Fact]
    public async Task GetOrCreate_200ParallelPutsOnOneKey_OneSessionAndExactlyOneCreated()
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { BaseAddress = fixture.Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestHost.AcmeKey);

        for (var round = 0; round < 5; round++)
        {
            var key = Uri.EscapeDataString($"race:{round}:{Guid.NewGuid()}");
            using var gate = new SemaphoreSlim(0);
            var requests = Enumerable.Range(0, 200).Select(async _ =>
            {
                await gate.WaitAsync();
                var response = await http.PutAsync("v1/sessions/by-key/" + key, null);
                var result = await response.Content.ReadFromJsonAsync<GetOrCreateResult>(Json);
                return (response.StatusCode, Result: result!);
            }).ToList();

            gate.Release(200);
            var results = await Task.WhenAll(requests);

            Assert.Single(results.Select(r => r.Result.Session.Id).Distinct());
            Assert.Single(results, r => r.Result.Created);
            Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(199, results.Count(r => r.StatusCode == HttpStatusCode.OK && !r.Result.Created));
        }
    }
}
