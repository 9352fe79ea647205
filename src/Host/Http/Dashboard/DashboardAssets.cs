using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace JidoSessions.Host.Http.Dashboard;

/// <summary>One file of the dashboard as served: its bytes, media type and entity tag.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);

/// <summary>
/// The dashboard's files (<c>src/Host/Dashboard/*</c>), embedded in the Host assembly as
/// <c>JidoSessions.Host.Dashboard.{name}</c> and read once. Only these names are served; nothing comes from disk.
/// </summary>
internal static class DashboardAssets
{
    public const string IndexName = "index.html";

    private const string ResourcePrefix = "JidoSessions.Host.Dashboard.";

    private static readonly Lazy<FrozenDictionary<string, DashboardAsset>> All = new(Load);

    public static bool TryGet(string name, out DashboardAsset asset) => All.Value.TryGetValue(name, out asset!);

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..];
            if (ContentTypeOf(name) is not { } contentType)
            {
                continue;
            }

            var content = Read(assembly, resource);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            assets[name] = new DashboardAsset(content, contentType, etag);
        }

        if (!assets.ContainsKey(IndexName))
        {
            throw new InvalidOperationException($"The dashboard's {IndexName} is not embedded in {assembly.GetName().Name}.");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} could not be opened.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The media type of a served file, or null for a kind the dashboard does not serve.</summary>
    private static string? ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => null,
    };
}
