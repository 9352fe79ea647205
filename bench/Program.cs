using System.Runtime;
using JidoSessions.Bench;
using JidoSessions.Bench.Persistence;
using JidoSessions.Bench.Runtime;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

Console.WriteLine($"JidoSessions bench: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
    $"server GC {GCSettings.IsServerGC}, trials {options.Trials} (median reported)");
if (options.Suites.Contains("runtime"))
{
    await new RuntimeBench(options, Console.Out).RunAsync();
}

if (options.Suites.Contains("persistence"))
{
    await new PersistenceBench(options, Console.Out).RunAsync();
}

return 0;
