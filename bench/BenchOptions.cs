namespace JidoSessions.Bench;

/// <summary>Command-line options of the bench.</summary>
internal sealed record BenchOptions(TimeSpan WarmUp, int Trials, IReadOnlySet<string> Suites, IReadOnlySet<string>? Only = null, string? BaselineFile = null, int LargeCount = 100_000)
{
    public static BenchOptions Parse(string[] args)
    {
        var warmUp = TimeSpan.FromSeconds(20);
        var trials = 3;
        var suites = new HashSet<string>(["sessions"], StringComparer.OrdinalIgnoreCase);
        string? baseline = null;
        var large = 100_000;
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--warmup":
                    warmUp = TimeSpan.FromSeconds(int.Parse(Value(args, ++i, "--warmup"), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "--trials":
                    trials = int.Parse(Value(args, ++i, "--trials"), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--only":
                    only = new HashSet<string>(Value(args, ++i, "--only").Split(','), StringComparer.OrdinalIgnoreCase);
                    break;
                case "--baseline":
                    baseline = Value(args, ++i, "--baseline");
                    break;
                case "--large":
                    large = int.Parse(Value(args, ++i, "--large"), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--suite":
                    suites = new HashSet<string>(Value(args, ++i, "--suite").Split(','), StringComparer.OrdinalIgnoreCase);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Use --trials N, --warmup SECONDS, --suite sessions[,persistence], --baseline FILE, --large N.");
            }
        }

        if (trials < 1)
        {
            throw new ArgumentException("--trials must be at least 1.");
        }

        return new BenchOptions(warmUp, trials, suites, only, baseline, large);
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{option} needs a value.");
}
