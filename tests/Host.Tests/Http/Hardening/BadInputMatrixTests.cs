using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Tests.Support;
using Xunit.Abstractions;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>
/// Every endpoint crossed with every class of bad input (malformed JSON, wrong types, oversize bodies, control
/// characters, text that is not Unicode, duplicate and unknown members, traversal, unknown and foreign ids, bad
/// tokens, wrong methods and content types) on the real session system: no answer is 5xx or 2xx, and the state
/// of both tenants, read back afterwards, is what it was.
/// </summary>
public sealed class BadInputMatrixTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestHost _host = null!;
    private SessionId _acme;
    private SessionId _globex;
    private string _before = "";

    private sealed record BadRequest(string Class, string Method, string Path, byte[]? Body, string? ContentType, string? Key = TestHost.AcmeKey);

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartRealAsync(s => s["jido:http:max-request-body"] = "4KiB");
        var acme = _host.AcmeClient();
        _acme = (await acme.GetOrCreateAsync(SessionKey.Parse("matrix-acme"), new CreateSessionRequest { Config = new SessionConfig { Model = "m0" } })).Session.Id;
        await acme.SendAsync(_acme, "hello");
        await acme.AddFileAsync(_acme, new SessionFile("docs/a.txt", "A"));
        var globex = _host.GlobexClient();
        _globex = (await globex.GetOrCreateAsync(SessionKey.Parse("matrix-globex"))).Session.Id;
        await globex.SendAsync(_globex, "hi");
        _before = await StateAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Matrix_EveryEndpointTimesEveryBadInput_No5xxNo2xxAndNoStateChange()
    {
        var requests = Requests().ToList();
        var byStatus = new SortedDictionary<int, int>();
        var byCode = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        using var http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        foreach (var bad in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
            if (bad.Body is not null)
            {
                request.Content = new ByteArrayContent(bad.Body);
                request.Content.Headers.ContentType = bad.ContentType is null ? null : MediaTypeHeaderValue.Parse(bad.ContentType);
            }

            if (bad.Key is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", bad.Key.Contains(' ', StringComparison.Ordinal) ? bad.Key : "Bearer " + bad.Key);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            var body = status == 200 ? "" : await response.Content.ReadAsStringAsync();
            var code = Code(body);
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            byCode[$"{status} {code}"] = byCode.GetValueOrDefault($"{status} {code}") + 1;
            if (status is < 400 or >= 500)
            {
                failures.Add($"{bad.Class}: {bad.Method} {bad.Path} -> {status} {body}");
            }
        }

        var after = await StateAsync();
        output.WriteLine($"bad-input matrix: {requests.Count} requests; {string.Join(", ", byStatus.Select(p => $"{p.Key}: {p.Value}"))}");
        foreach (var (code, count) in byCode)
        {
            output.WriteLine($"  {code}: {count}");
        }

        output.WriteLine($"  5xx: {byStatus.Where(p => p.Key >= 500).Sum(p => p.Value)}; state changes: {(after == _before ? 0 : 1)}");
        Assert.Empty(failures);
        Assert.Equal(_before, after);
    }

    private IEnumerable<BadRequest> Requests()
    {
        var id = _acme.ToString();
        var foreign = _globex.ToString();
        var unknown = SessionId.New().ToString();
        var bodyEndpoints = new (string Method, string Path)[]
        {
            ("POST", "v1/sessions"), ("PUT", "v1/sessions/by-key/matrix-acme"), ("PUT", "v1/sessions/by-key/matrix-new"),
            ("PUT", $"v1/sessions/{id}/config"), ("POST", $"v1/sessions/{id}/messages"), ("POST", $"v1/sessions/{id}/files"),
            ("POST", $"v1/sessions/{id}/fork"), ("POST", $"v1/sessions/{id}/rewind"),
            ("POST", "voice/query"), ("POST", "voice/end-session"), ("POST", "v1/chat/completions"),
        };
        var bodies = new (string Class, string Json)[]
        {
            ("malformed json", "{\"message\": "), ("malformed json", "not json"), ("malformed json", "{\"a\":1,}"), ("malformed json", "[1,2"),
            ("wrong types", "[\"hi\"]"), ("wrong types", "7"), ("wrong types", "null"),
            ("wrong types", "{\"message\":5,\"config\":7,\"model\":3,\"path\":1,\"prompt\":[],\"callId\":{},\"messages\":\"x\"}"),
            ("unknown members", "{\"colour\":\"red\"}"),
            ("duplicate members", "{\"message\":\"a\",\"message\":\"b\"}"),
            ("enum numbers", "{\"config\":{\"doubleTexting\":7},\"doubleTexting\":\"Reject,Interrupt\"}"),
            ("control characters", "{\"config\":{\"model\":\"a\\nb\"},\"model\":\"a\\tb\",\"path\":\"a\\u0000b\",\"callId\":\"a\\u0007\",\"message\":\"\\u0000\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\"a\\nb\"}"),
            ("unicode", "{\"message\":\"\\ud800\",\"prompt\":\"\\udfff\",\"callId\":\"a\\u200bb\",\"path\":\"\\ud800\",\"messages\":[{\"role\":\"user\",\"content\":\"\\ud800\"}]}"),
            ("traversal", "{\"path\":\"../../etc/passwd\",\"content\":\"x\",\"callId\":\"../x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\" ../x\"}"),
            ("wrong types", "{\"atSequence\":\"1\"}"), ("wrong types", "{\"toSequence\":1.5}"), ("wrong types", "{\"atSequence\":1,\"key\":7}"),
            ("unknown sequences", "{\"atSequence\":999999}"), ("unknown sequences", "{\"toSequence\":-1}"), ("unknown sequences", "{\"atSequence\":0}"),
            ("control characters", "{\"atSequence\":1,\"key\":\"a\\nb\"}"), ("unicode", "{\"atSequence\":1,\"key\":\"a\\u202eb\"}"),
        };
        foreach (var (method, path) in bodyEndpoints)
        {
            foreach (var (kind, json) in bodies)
            {
                yield return new BadRequest(kind, method, path, Encoding.UTF8.GetBytes(json), "application/json");
            }

            yield return new BadRequest("unicode", method, path, [.. "{\"message\":\"a"u8, 0xFF, .. "\",\"prompt\":\"x"u8, 0xC0, 0xAF, .. "\"}"u8], "application/json");
            yield return new BadRequest("oversize", method, path, Encoding.UTF8.GetBytes("{\"message\":\"" + new string('x', 5000) + "\"}"), "application/json");
            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "image/png", null })
            {
                yield return new BadRequest("content types", method, path, Encoding.UTF8.GetBytes("{\"message\":\"hi\"}"), type);
            }
        }

        var idRoutes = new (string Method, string Suffix)[]
        {
            ("GET", ""), ("DELETE", ""), ("PUT", "/config"), ("POST", "/messages"), ("POST", "/turn/cancel"), ("GET", "/history"),
            ("POST", "/files"), ("GET", "/files"), ("DELETE", "/files?path=docs/a.txt"), ("GET", "/events"),
            ("POST", "/fork"), ("POST", "/rewind"), ("GET", "/history?view=audit"),
        };
        foreach (var (method, suffix) in idRoutes)
        {
            var body = method is "PUT" or "POST" && suffix != "/turn/cancel"
                ? Encoding.UTF8.GetBytes(suffix switch
                {
                    "/files" => "{\"path\":\"b.txt\",\"content\":\"x\"}",
                    "/messages" => "{\"message\":\"hi\"}",
                    "/fork" => "{\"atSequence\":1}",
                    "/rewind" => "{\"toSequence\":1}",
                    _ => "{\"model\":\"m9\"}",
                })
                : null;
            foreach (var (kind, target) in new[] { ("unknown ids", unknown), ("foreign ids", foreign), ("malformed ids", "not-a-uuid"), ("traversal", "..%2F..%2Fetc"), ("traversal", "..%5C..%5Cetc") })
            {
                yield return new BadRequest(kind, method, $"v1/sessions/{target}{suffix}", body, body is null ? null : "application/json");
            }

            foreach (var key in new string?[] { null, "wrong-key-0123456789abcdef", "Basic YWNtZTpzZWNyZXQ=", "Bearer ", TestHost.AcmeKey + "x" })
            {
                yield return new BadRequest("bad tokens", method, $"v1/sessions/{id}{suffix}", body, body is null ? null : "application/json", key);
            }

            yield return new BadRequest("wrong methods", "PATCH", $"v1/sessions/{id}{suffix}", null, null);
        }

        foreach (var (method, path) in bodyEndpoints.Concat([("GET", "v1/sessions"), ("GET", "v1/events"), ("GET", "v1/models")]))
        {
            foreach (var key in new string?[] { null, "wrong-key-0123456789abcdef", "Bearer " })
            {
                var body = method == "GET" ? null : Encoding.UTF8.GetBytes("{\"message\":\"hi\",\"config\":{},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"prompt\":\"hi\",\"callId\":\"c\",\"accountId\":\"a\",\"peerId\":\"p\",\"path\":\"p.txt\",\"content\":\"x\"}");
                yield return new BadRequest("bad tokens", method, path, body, body is null ? null : "application/json", key);
            }

            yield return new BadRequest("wrong methods", "PATCH", path, null, null);
            yield return new BadRequest("wrong methods", "TRACE", path, null, null);
        }

        foreach (var view in new[] { "Audit", "all", "audit&view=audit", "1" })
        {
            yield return new BadRequest("wrong types", "GET", $"v1/sessions/{id}/history?view={view}", null, null);
        }

        foreach (var query in new[] { "status=1", "status=Sleeping", "offset=-1", "limit=0", "limit=1001", "limit=1.5", "offset=99999999999" })
        {
            yield return new BadRequest("wrong types", "GET", "v1/sessions?" + query, null, null);
        }

        foreach (var path in new[] { "v1/sessions/by-key/%ED%A0%80", "v1/sessions/by-key/u%E2%80%AEv", "v1/sessions/by-key/%FF", "v1/sessions/by-key/%C0%AF", "v1/sessions/by-key/%20lead", "v1/sessions/by-key/" + new string('k', 300) })
        {
            yield return new BadRequest("unicode", "PUT", path, null, null);
        }

        yield return new BadRequest("bad tokens", "GET", "metrics", null, null, TestHost.GlobexKey);
        yield return new BadRequest("traversal", "GET", $"v1/sessions/{id}/../../metrics", null, null);
        yield return new BadRequest("unknown routes", "GET", "v1/nothing-here", null, null);
    }

    private static string Code(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            return root.TryGetProperty("code", out var code) ? code.GetString() ?? "" : root.GetProperty("error").GetProperty("code").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "(no code)";
        }
    }

    // Invalid escapes (%zz) are covered byte for byte in SessionKeyRulesTests: HttpClient would re-escape them here.

    /// <summary>Everything a refused request could have changed, for both tenants, as one comparable text.</summary>
    private async Task<string> StateAsync()
    {
        var text = new StringBuilder();
        foreach (var (client, id) in new[] { (_host.AcmeClient(), _acme), (_host.GlobexClient(), _globex) })
        {
            var page = await client.ListAsync(new ListSessionsQuery(null, 0, 1000));
            text.Append(page.Total).Append(';');
            foreach (var session in page.Items.OrderBy(s => s.Id.ToString(), StringComparer.Ordinal))
            {
                text.Append(session.Id).Append(session.Key).Append(session.Status).Append(JsonSerializer.Serialize(session.Config)).Append(session.MessageCount).Append(';');
            }

            text.Append(string.Join("|", (await client.GetHistoryAsync(id)).Select(h => h.Role + h.Text)));
            text.Append(string.Join("|", (await client.ListFilesAsync(id)).Select(f => f.Path + f.Sha256)));
        }

        return text.ToString();
    }
}
