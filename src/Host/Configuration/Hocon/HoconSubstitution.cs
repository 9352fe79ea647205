namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// A <c>${path}</c> or <c>${?path}</c> reference. Inside an included file the path is fixed up to be relative to
/// the inclusion point; <see cref="OriginalPath"/> is tried next, then the environment variable of that name.
/// </summary>
internal sealed class HoconSubstitution(
    HoconPosition position,
    IReadOnlyList<string> path,
    IReadOnlyList<string> originalPath,
    bool isOptional) : HoconUnresolvedValue(position)
{
    public IReadOnlyList<string> Path { get; } = path;

    public IReadOnlyList<string> OriginalPath { get; } = originalPath;

    public bool IsOptional { get; } = isOptional;

    public override string ToString() => $"${{{(IsOptional ? "?" : "")}{string.Join('.', OriginalPath)}}}";
}
