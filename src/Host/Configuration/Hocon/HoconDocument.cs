namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>Reads a HOCON file or text into a resolved tree: parse, include, merge, then substitute.</summary>
internal static class HoconDocument
{
    /// <summary>Loads a file; <paramref name="path"/> is also the name positions report.</summary>
    /// <param name="path">The file, absolute or relative to the current directory.</param>
    /// <param name="environment">Looks up environment variables; defaults to the process environment.</param>
    public static HoconObject LoadFile(string path, Func<string, string?>? environment = null)
    {
        var root = new HoconIncluder().ParseFile(path, Path.GetFullPath(path), [], includedAt: null);
        return HoconResolver.Resolve(root, environment ?? Environment.GetEnvironmentVariable);
    }

    /// <summary>Parses text; its includes are relative to <paramref name="baseDirectory"/> (default: current directory).</summary>
    public static HoconObject Parse(string text, string sourceName, string? baseDirectory = null, Func<string, string?>? environment = null)
    {
        var source = new HoconSource(sourceName, Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory()));
        var root = new HoconIncluder().ParseText(text, source, []);
        return HoconResolver.Resolve(root, environment ?? Environment.GetEnvironmentVariable);
    }
}
