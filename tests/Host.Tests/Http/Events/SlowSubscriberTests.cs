using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime;
using System.Text;
using JidoSessions.Host.Tests.Support;
using Xunit.Abstractions;

namespace JidoSessions.Host.Tests.Http.Events;

/// <summary>Measurements of the whole process (RSS, probe latency): no other test runs beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMeasurementCollection
{
    public const string Name = "process measurements";
}

/// <summary>
/// Subscribers that never read, during a flood of large events, on the real session system: memory stays within
/// the configured per-subscriber and replay bytes, the laggards are disconnected, and the host keeps answering.
/// </summary>
[Collection(ProcessMeasurementCollection.Name)]
public sealed class SlowSubscriberTests(ITestOutputHelper output)
{
    private const int Subscribers = 50;
    private const int SubscriberBuffer = 256 * 1024;
    private const int ReplayBytes = 1024 * 1024;
    private const int Senders = 2;
    private const int MessagesPerSender = 150;
    private const int MessageChars = 30_000;

    [Fact]
    public async Task Flood_FiftySubscribersThatNeverRead_MemoryBoundedLaggardsDisconnectedHealthzFast()
    {
        await using var host = await TestHost.StartRealAsync(s =>
        {
            s["jido:http:subscriber-buffer"] = "256KiB";
            s["jido:http:event-replay-bytes"] = "1MiB";
        });
        var timeout = TestTimeout.Token(240);

        // The same flood without subscribers first: what the session system itself keeps (history, the in-memory
        // journal) is then known, and what the subscribers cost is the difference.
        var start = SettledRssBytes();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => FloodAsync(host, s, timeout)));
        var alone = SettledRssBytes() - start;
        var laggards = new List<TcpClient>();
        for (var i = 0; i < Subscribers; i++)
        {
            laggards.Add(await SubscribeWithoutReadingAsync(host.BaseAddress, timeout));
        }

        var before = SettledRssBytes();
        using var flooding = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var probe = ProbeHealthzAsync(host.Anonymous(), flooding.Token);
        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => FloodAsync(host, Senders + s, timeout)));
        elapsed.Stop();
        await flooding.CancelAsync();
        var latencies = await probe;
        var growth = SettledRssBytes() - before - alone;
        var disconnected = 0;
        foreach (var laggard in laggards)
        {
            disconnected += await DrainUntilClosedAsync(laggard, timeout) ? 1 : 0;
            laggard.Dispose();
        }

        var p99 = Percentile(latencies, 0.99);
        var bound = ((long)Subscribers * SubscriberBuffer) + ReplayBytes + (32L << 20);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood {Senders * MessagesPerSender} messages x {MessageChars} chars in {elapsed.Elapsed.TotalSeconds:F1} s; RSS growth beyond the flood alone ({alone >> 20} MiB) {growth >> 20} MiB (bound {bound >> 20} MiB); healthz {latencies.Count} probes, p50 {Percentile(latencies, 0.5):F1} ms, p99 {p99:F1} ms, max {latencies.Max():F1} ms; {disconnected}/{Subscribers} laggards disconnected"));
        Assert.True(growth < bound, $"RSS grew {growth >> 20} MiB, more than {bound >> 20} MiB");
        Assert.True(p99 < 50, $"healthz p99 {p99:F1} ms");
        // Socket buffers may absorb a whole flood for a few connections; those never fell behind.
        Assert.True(disconnected >= Subscribers * 3 / 4, $"only {disconnected} of {Subscribers} laggards were disconnected");
    }

    [Fact]
    public async Task Subscribe_BeyondMaxSubscriptionsOfTheTenant_Returns429WithRetryAfterOthersUnaffected()
    {
        await using var host = await TestHost.StartRealAsync(s => s["jido:http:max-subscriptions"] = "3");
        var timeout = TestTimeout.Token();
        var acme = host.WithKey(TestHost.AcmeKey);
        acme.Timeout = Timeout.InfiniteTimeSpan;
        var session = await host.AcmeClient().CreateAsync(cancellationToken: timeout);
        var open = new List<HttpResponseMessage>
        {
            await OpenAsync(acme, "v1/events", timeout),
            await OpenAsync(acme, "v1/events", timeout),
            await OpenAsync(acme, $"v1/sessions/{session.Id}/events", timeout),
        };

        using var refused = await OpenAsync(acme, "v1/events", timeout);
        using var refusedSession = await OpenAsync(acme, $"v1/sessions/{session.Id}/events", timeout);
        using var otherTenant = await OpenAsync(host.WithKey(TestHost.GlobexKey), "v1/events", timeout);

        Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "too_many_subscriptions");
        Assert.NotNull(refused.Headers.RetryAfter);
        await ProblemAssert.IsProblemAsync(refusedSession, HttpStatusCode.TooManyRequests, "too_many_subscriptions");
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        open[0].Dispose();
        using var again = await RetryUntilAcceptedAsync(acme, timeout);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        foreach (var response in open)
        {
            response.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient http, string path, CancellationToken cancellationToken) =>
        await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>A closed stream frees its slot once the server sees the connection go; poll for that, a bounded number of times.</summary>
    private static async Task<HttpResponseMessage> RetryUntilAcceptedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var attempt = 0; ; attempt++)
        {
            var response = await OpenAsync(http, "v1/events", cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK || attempt == 100)
            {
                return response;
            }

            response.Dispose();
            await pace.WaitForNextTickAsync(cancellationToken);
        }
    }

    /// <summary>Opens <c>/v1/events</c> on a socket with a small receive buffer and reads only the response head.</summary>
    private static async Task<TcpClient> SubscribeWithoutReadingAsync(Uri server, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TestHost.AcmeKey}\r\n\r\n"), cancellationToken);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, cancellationToken));
            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 200", head.ToString(), StringComparison.Ordinal);
        return tcp;
    }

    private static async Task FloodAsync(TestHost host, int sender, CancellationToken cancellationToken)
    {
        var http = host.WithKey(TestHost.AcmeKey);
        var session = await host.AcmeClient().CreateAsync(cancellationToken: cancellationToken);
        for (var i = 0; i < MessagesPerSender; i++)
        {
            var text = $"{sender}:{i} " + new string((char)('a' + (i % 26)), MessageChars);
            using var response = await http.PostAsJsonAsync($"v1/sessions/{session.Id}/messages", new { message = text }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<List<double>> ProbeHealthzAsync(HttpClient http, CancellationToken stop)
    {
        var latencies = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync("healthz", CancellationToken.None);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        return latencies;
    }

    /// <summary>Reads what the server had sent; true when it then closed the connection.</summary>
    private static async Task<bool> DrainUntilClosedAsync(TcpClient laggard, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        try
        {
            while (await laggard.GetStream().ReadAsync(buffer, limit.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static long SettledRssBytes()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
