using System.Text;

namespace JidoSessions.Runtime;

/// <summary>The name of an actor and its ancestors, e.g. <c>jido://app/user/sessions/shard-07</c>.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
    }

    /// <summary>The actor system's name.</summary>
    public string SystemName { get; }

    /// <summary>The parent's path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element ("" for the root).</summary>
    public string Name { get; }

    /// <summary>The path elements below the root, e.g. ["user", "sessions"].</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new List<string>();
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                elements.Add(p.Name);
            }

            elements.Reverse();
            return elements;
        }
    }

    internal static ActorPath Root(string systemName) => new(systemName, null, "");

    /// <summary>The path of a child of this actor.</summary>
    public ActorPath Child(string name) => new(SystemName, this, name);

    /// <inheritdoc />
    public bool Equals(ActorPath? other) =>
        other is not null && (ReferenceEquals(this, other) || ToString() == other.ToString());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <inheritdoc />
    public override string ToString() => _text ??= Render();

    private string Render()
    {
        var builder = new StringBuilder("jido://").Append(SystemName);
        foreach (var element in Elements)
        {
            builder.Append('/').Append(element);
        }

        return Parent is null ? builder.Append('/').ToString() : builder.ToString();
    }
}
