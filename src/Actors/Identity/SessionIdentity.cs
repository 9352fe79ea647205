using System.Security.Cryptography;
using System.Text;
using JidoSessions.Client;

namespace JidoSessions.Actors.Identity;

/// <summary>Session keys for agents that work in a repository.</summary>
public static class SessionIdentity
{
    /// <summary>
    /// SHA-256 (lowercase hex) of <c>realpath(repoRoot):mode:scopeKey:agentKey</c>, with
    /// <paramref name="agentKey"/> defaulting to <c>default</c>. Symlinks in the root are resolved, so a
    /// symlinked path and its target give one key; a different mode, scope or agent gives another.
    /// </summary>
    /// <exception cref="ValidationException">A part is empty or the root does not exist.</exception>
    public static SessionKey Derive(string repoRoot, string mode, string scopeKey, string? agentKey = null)
    {
        Require(repoRoot, "repoRoot");
        Require(mode, "mode");
        Require(scopeKey, "scopeKey");
        if (agentKey is not null && string.IsNullOrWhiteSpace(agentKey))
        {
            throw ValidationException.For("agentKey", "must not be blank (omit it for 'default')");
        }

        var root = RealPath(repoRoot);
        var material = $"{root}:{mode}:{scopeKey}:{agentKey ?? "default"}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
        return SessionKey.Parse(hash);
    }

    /// <summary>The absolute path with every symlink along it resolved.</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            throw ValidationException.For("repoRoot", $"'{path}' does not exist");
        }

        return Resolve(full);
    }

    private static string Resolve(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            var info = new DirectoryInfo(next);
            var target = info.Exists || File.Exists(next) ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
            resolved = target is null ? next : Resolve(Path.GetFullPath(target.FullName));
        }

        return Path.TrimEndingDirectorySeparator(resolved);
    }

    private static void Require(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ValidationException.For(field, "must not be empty");
        }
    }
}
