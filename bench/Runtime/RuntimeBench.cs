using System.Diagnostics;
using JidoSessions.Runtime;

namespace JidoSessions.Bench.Runtime;

/// <summary>The runtime figures of issue #2, each the median of several trials.</summary>
internal sealed class RuntimeBench(BenchOptions options, TextWriter output)
{
    private const long RoundTripsPerRun = 2_000_000;

    public async Task RunAsync()
    {
        await using var system = ActorSystem.Create("bench");
        await WarmUpAsync(system);

        output.WriteLine();
        output.WriteLine("| figure | runtime | Channels floor | ratio |");
        output.WriteLine("|---|---|---|---|");
        foreach (var inFlight in Wants("pingpong") ? new[] { 1, 1000 } : [])
        {
            foreach (var pairs in new[] { 1, 2, 100 })
            {
                var runtime = await MedianAsync(() => PingPongAsync(system, pairs, inFlight));
                var floor = await MedianAsync(() => ChannelFloorAsync(pairs, inFlight));
                output.WriteLine($"| ping-pong {pairs} pair(s), {inFlight} in flight (M msg/s) | {runtime:F1} | {floor:F1} | {runtime / floor:F2}x |");
            }
        }

        foreach (var senders in Wants("fanin") ? new[] { 1, 2, 4 } : [])
        {
            var rate = await MedianAsync(() => FanInAsync(system, senders));
            output.WriteLine($"| fan-in tell, {senders} sender(s) -> 1 actor (M msg/s) | {rate:F1} | | |");
        }

        var spawn = new List<(double Rate, double Bytes, double StopMs)>();
        for (var trial = 0; Wants("spawn") && trial < options.Trials; trial++)
        {
            spawn.Add(await SpawnAndStopAsync(system, 100_000));
        }

        if (spawn.Count > 0)
        {
            WriteSpawn(spawn);
        }

        var asks = new List<(double P50, double P99)>();
        for (var trial = 0; Wants("ask") && trial < options.Trials; trial++)
        {
            asks.Add(await AskLatencyAsync(system, 200_000));
        }

        if (asks.Count > 0)
        {
            output.WriteLine($"| sequential ask p50 / p99 (us) | {Median(asks.Select(a => a.P50)):F2} / {Median(asks.Select(a => a.P99)):F2} | | |");
        }
    }

    private bool Wants(string figure) => options.Only is null || options.Only.Contains(figure);

    private void WriteSpawn(List<(double Rate, double Bytes, double StopMs)> spawn)
    {
        output.WriteLine($"| spawn 100k children under one parent (k actors/s) | {Median(spawn.Select(s => s.Rate)):F0} | | |");
        output.WriteLine($"| managed bytes per idle actor | {Median(spawn.Select(s => s.Bytes)):F0} | | |");
        output.WriteLine($"| stop a parent with 100k children (ms) | {Median(spawn.Select(s => s.StopMs)):F0} | | |");
    }

    private async Task WarmUpAsync(ActorSystem system)
    {
        output.WriteLine($"warming up for {options.WarmUp.TotalSeconds:F0} s (tiered JIT, thread pool)...");
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < options.WarmUp)
        {
            await PingPongAsync(system, 2, 1);
            await PingPongAsync(system, 2, 1000);
            await ChannelFloorAsync(2, 1);
            await FanInAsync(system, 2);
            await AskLatencyAsync(system, 20_000);
        }
    }

    private async Task<double> MedianAsync(Func<Task<double>> trial)
    {
        var results = new List<double>();
        for (var i = 0; i < options.Trials; i++)
        {
            results.Add(await trial());
        }

        return Median(results);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Messages per second (each round trip is two messages), in millions.</summary>
    private static async Task<double> PingPongAsync(ActorSystem system, int pairs, int inFlight)
    {
        var roundTrips = Math.Max(RoundTripsPerRun / pairs, inFlight * 10L);
        var actors = new List<IActorRef>();
        var starts = new List<StartPing>();
        for (var p = 0; p < pairs; p++)
        {
            var pinger = system.ActorOf(Props.Create<Pinger>());
            var ponger = system.ActorOf(Props.Create<Ponger>());
            actors.Add(pinger);
            actors.Add(ponger);
            starts.Add(new StartPing(ponger, roundTrips, inFlight, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        var started = Stopwatch.GetTimestamp();
        for (var p = 0; p < pairs; p++)
        {
            actors[p * 2].Tell(starts[p], null);
        }

        await Task.WhenAll(starts.Select(s => s.Done.Task));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        actors.ForEach(system.Stop);
        return 2.0 * roundTrips * pairs / seconds / 1e6;
    }

    private static async Task<double> ChannelFloorAsync(int pairs, int inFlight)
    {
        var roundTrips = Math.Max(RoundTripsPerRun / pairs, inFlight * 10L);
        var started = Stopwatch.GetTimestamp();
        await ChannelPingPong.RunAsync(pairs, roundTrips, inFlight);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return 2.0 * roundTrips * pairs / seconds / 1e6;
    }

    private static async Task<double> FanInAsync(ActorSystem system, int senders)
    {
        const long total = 8_000_000;
        var perSender = total / senders;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new Counter(perSender * senders, done)));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            await go.Task.ConfigureAwait(false);
            var message = Ball.Instance;
            for (var i = 0; i < perSender; i++)
            {
                counter.Tell(message, null);
            }
        })).ToArray();

        var started = Stopwatch.GetTimestamp();
        go.SetResult();
        await Task.WhenAll(sending);
        await done.Task;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        system.Stop(counter);
        return perSender * senders / seconds / 1e6;
    }

    private static async Task<(double Rate, double Bytes, double StopMs)> SpawnAndStopAsync(ActorSystem system, int children)
    {
        var counter = new StartCounter(children);
        var childProps = Props.Create(() => new IdleChild(counter));
        var parent = system.ActorOf(Props.Create<SpawningParent>());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var started = Stopwatch.GetTimestamp();
        parent.Tell(new SpawnChildren(children, childProps), null);
        await counter.Done.Task;
        var spawnSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.ActorOf(Props.Create(() => new StopWatcher(parent, stopped)));
        var stopStarted = Stopwatch.GetTimestamp();
        system.Stop(parent);
        await stopped.Task;
        var stopMs = Stopwatch.GetElapsedTime(stopStarted).TotalMilliseconds;
        system.Stop(watcher);
        GC.KeepAlive(childProps);
        return (children / spawnSeconds / 1e3, (double)(after - before) / children, stopMs);
    }

    private static async Task<(double P50, double P99)> AskLatencyAsync(ActorSystem system, int asks)
    {
        var echo = system.ActorOf(Props.Create<Echo>());
        var samples = new double[asks];
        var message = Ball.Instance;
        for (var i = 0; i < asks; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await echo.Ask<Ball>(message).ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        system.Stop(echo);
        Array.Sort(samples);
        return (samples[asks / 2], samples[(int)(asks * 0.99)]);
    }
}
