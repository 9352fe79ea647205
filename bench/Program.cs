using System.Runtime;
using JidoSessions.Bench;
using JidoSessions.Bench.Sessions;

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
if (options.Suites.Contains("sessions"))
{
    await new SessionsBench(options, Console.Out).RunAsync();
}

return 0;
