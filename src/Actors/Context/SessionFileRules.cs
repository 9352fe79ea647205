using System.Text;
using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

/// <summary>
/// What a session file must look like. Paths are relative, '/'-separated, 1–1024 characters, without
/// control characters, empty, "." or ".." segments, so one file has exactly one spelling (the cache and
/// the index key on it). Content is at most 1 MiB of UTF-8; metadata follows the session metadata rules.
/// </summary>
internal static class SessionFileRules
{
    /// <summary>Longest path, in characters.</summary>
    public const int MaxPathLength = 1024;

    /// <summary>Largest content, in UTF-8 bytes.</summary>
    public const int MaxContentBytes = 1024 * 1024;

    /// <summary>Most metadata entries per file.</summary>
    public const int MaxMetadataEntries = 64;

    /// <summary>The first problem with <paramref name="file"/>, naming the field, or null when it is valid.</summary>
    public static ValidationException? Validate(SessionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (PathProblem(file.Path) is { } path)
        {
            return ValidationException.For("path", path);
        }

        if (file.Content is null)
        {
            return ValidationException.For("content", "must be present");
        }

        var bytes = Encoding.UTF8.GetByteCount(file.Content);
        if (bytes > MaxContentBytes)
        {
            return ValidationException.For("content", $"must be at most {MaxContentBytes} bytes of UTF-8 (was {bytes})");
        }

        return MetadataProblem(file.Metadata) is { } metadata ? ValidationException.For("metadata", metadata) : null;
    }

    /// <summary>What is wrong with <paramref name="path"/>, or null when it is a valid file path.</summary>
    public static string? PathProblem(string? path) => path switch
    {
        null or "" => "must not be empty",
        { Length: > MaxPathLength } => $"must be at most {MaxPathLength} characters (was {path.Length})",
        _ when path.Any(char.IsControl) => "must not contain control characters",
        _ when path[0] is '/' or '\\' => "must be relative (no leading '/' or '\\')",
        _ when path.Contains('\\', StringComparison.Ordinal) => "must use '/' as the separator, not '\\'",
        _ when path.Split('/').Any(s => s is "..") => "must not contain '..' segments",
        _ when path.Split('/').Any(s => s is "" or ".") => "must not contain empty or '.' segments",
        _ => null,
    };

    private static string? MetadataProblem(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.Count > MaxMetadataEntries)
        {
            return $"must have at most {MaxMetadataEntries} entries (was {metadata.Count})";
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > 128 || key.Any(char.IsControl))
            {
                return $"key '{key}' must be 1-128 characters without control characters";
            }

            if (value is null || value.Length > 4096)
            {
                return $"value of '{key}' must be present and at most 4096 characters";
            }
        }

        return null;
    }
}
