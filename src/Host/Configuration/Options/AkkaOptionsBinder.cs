using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JidoSessions.Host.Configuration.Options;

/// <summary>Binds <see cref="AkkaOptions"/> from the <c>akka</c> section of the configuration.</summary>
internal static class AkkaOptionsBinder
{
    private const string HostnameKey = "akka:remote:dot-netty:tcp:hostname";
    private const string PortKey = "akka:remote:dot-netty:tcp:port";
    private const string SeedNodesKey = "akka:cluster:seed-nodes";
    private const string RolesKey = "akka:cluster:roles";

    public static AkkaOptions Bind(IConfiguration configuration, ConfigReader read)
    {
        var d = new AkkaOptions();
        var seeds = read.StringList(SeedNodesKey);
        foreach (var seed in seeds.Where(s => !s.StartsWith("akka.tcp://", StringComparison.Ordinal)))
        {
            read.Fail(SeedNodesKey, $"holds '{seed}', which is not an akka.tcp://system@host:port address");
        }

        var passthrough = new StringBuilder();
        Flatten(configuration.GetSection("akka"), "akka", passthrough);
        return new AkkaOptions
        {
            Hostname = read.String(HostnameKey, d.Hostname),
            Port = read.Int(PortKey, d.Port, 0, 65535),
            SeedNodes = seeds,
            Roles = read.StringList(RolesKey),
            Hocon = passthrough.Length > 0 ? passthrough.ToString() : null,
        };
    }

    private static void Flatten(IConfigurationSection section, string path, StringBuilder hocon)
    {
        foreach (var child in section.GetChildren())
        {
            var key = $"{section.Path}:{child.Key}";
            if (key is HostnameKey or PortKey or SeedNodesKey or RolesKey)
            {
                continue;
            }

            var childPath = $"{path}.{Quote(child.Key)}";
            var grandchildren = child.GetChildren().ToList();
            if (grandchildren.Count > 0 && grandchildren.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                var items = grandchildren.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(c => JsonSerializer.Serialize(c.Value ?? ""));
                hocon.Append(childPath).Append(" = [").AppendJoin(", ", items).Append("]\n");
            }
            else if (grandchildren.Count > 0)
            {
                Flatten(child, childPath, hocon);
            }
            else if (child.Value is { } value)
            {
                hocon.Append(childPath).Append(" = ").Append(JsonSerializer.Serialize(value)).Append('\n');
            }
        }
    }

    private static string Quote(string segment) =>
        segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? segment : JsonSerializer.Serialize(segment);
}
