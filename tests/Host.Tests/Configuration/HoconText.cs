using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

/// <summary>Parses HOCON text the way the provider does, with an empty environment unless one is given.</summary>
internal static class HoconText
{
    public const string SourceName = "test.conf";

    public static Dictionary<string, string?> Values(string text, Func<string, string?>? environment = null) =>
        HoconFlattener.Flatten(Resolve(text, environment))
            .ToDictionary(pair => pair.Key, pair => pair.Value.Value, StringComparer.OrdinalIgnoreCase);

    public static HoconObject Resolve(string text, Func<string, string?>? environment = null) =>
        HoconDocument.Parse(text, SourceName, environment: environment ?? NoEnvironment);

    public static HoconParseException Error(string text, Func<string, string?>? environment = null) =>
        Assert.Throws<HoconParseException>(() => Resolve(text, environment));

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;

    private static string? NoEnvironment(string name) => null;
}
