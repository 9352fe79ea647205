using System.CommandLine;
using JidoSessions.Client;

namespace JidoSessions.Host.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Option<string?> Config() => new("--config")
    {
        Description = "A HOCON file read after the built-in defaults (it may include \"jido.conf\").",
        HelpName = "FILE",
    };

    public static Option<string?> Url() => new("--url")
    {
        Description = $"The server (default: $JIDO_URL, else {DefaultUrl}).",
        HelpName = "URL",
    };

    public static Option<string?> ApiKey() => new("--api-key")
    {
        Description = "The API key (default: $JIDO_API_KEY).",
        HelpName = "KEY",
    };

    public static Option<string> Tenant() => new("--tenant")
    {
        Description = "The tenant the key belongs to (for display; the server decides by the key).",
        DefaultValueFactory = _ => TenantId.Default.Value,
    };
}
