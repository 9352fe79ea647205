using System.Globalization;

namespace JidoSessions.Bench.Sessions;

/// <summary>
/// The sessions suite: every figure of <see cref="SessionFigures"/> on this build, next to the same figures measured
/// on the commit before the Akka migration (a TSV written by eng/bench-sessions.sh, passed with --baseline FILE).
/// </summary>
internal sealed class SessionsBench(BenchOptions options, TextWriter output)
{
    public async Task RunAsync()
    {
        output.WriteLine("sessions suite (this build):");
        var figures = await SessionFigures.MeasureAsync(options.Trials, warmUp: true, options.LargeCount, output, options.Only);
        var baseline = options.BaselineFile is { } file && File.Exists(file)
            ? SessionFigures.FromTsv(await File.ReadAllTextAsync(file)).ToDictionary(f => f.Name)
            : [];
        output.WriteLine();
        output.WriteLine("| figure | this build | baseline (pre-migration), same run | ratio |");
        output.WriteLine("|---|---|---|---|");
        foreach (var figure in figures)
        {
            var line = baseline.TryGetValue(figure.Name, out var b)
                ? string.Create(CultureInfo.InvariantCulture, $"| {figure.Name} | {figure.Median:0.##} {figure.Unit} | {b.Median:0.##} {b.Unit} | {figure.Median / b.Median:0.00}x |")
                : string.Create(CultureInfo.InvariantCulture, $"| {figure.Name} | {figure.Median:0.##} {figure.Unit} | n/a | |");
            output.WriteLine(line);
        }
    }
}
