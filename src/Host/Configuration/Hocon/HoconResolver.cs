namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Replaces substitutions with their values once the whole document is merged. Lookups "look forward" to the
/// final value of a path; when that value is the one being evaluated (a self-reference such as
/// <c>path = ${path}":/bin"</c>) they "look back" to the value it overrode, and when there is none the
/// reference is a cycle. Every node is evaluated once and the result memoised, as the spec requires.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconValue, HoconValue?> _done = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _evaluating = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves <paramref name="root"/>; a path missing from the tree falls back to <paramref name="environment"/>.</summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        (HoconObject)new HoconResolver(root, environment).Evaluate(root, "").Value!;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private HoconResolution Evaluate(HoconValue node, string path)
    {
        if (node is HoconScalar)
        {
            return HoconResolution.Of(node);
        }

        if (_done.TryGetValue(node, out var done))
        {
            return HoconResolution.Of(done);
        }

        if (_inProgress.Contains(node))
        {
            return node is HoconUnresolvedValue { Previous: { } previous } ? Evaluate(previous, path) : HoconResolution.Cycle;
        }

        _inProgress.Add(node);
        _evaluating.Add(path);
        try
        {
            var value = node switch
            {
                HoconObject obj => ResolveObject(obj, path),
                HoconArray array => ResolveArray(array, path),
                HoconSubstitution substitution => ResolveSubstitution(substitution),
                HoconConcatenation concatenation => ResolveConcatenation(concatenation, path),
                HoconDelayedMerge merge => ResolveDelayedMerge(merge, path),
                _ => throw new InvalidOperationException($"unknown HOCON node {node.GetType().Name}"),
            };

            // An undefined ${?x} leaves the field as it was before this definition, or absent if there was none.
            if (value is null && node is HoconUnresolvedValue { Previous: { } earlier })
            {
                value = Evaluate(earlier, path).Value;
            }

            _done[node] = value;
            if (value is not null)
            {
                _done[value] = value;
            }

            return HoconResolution.Of(value);
        }
        finally
        {
            _inProgress.Remove(node);
            _evaluating.RemoveAt(_evaluating.Count - 1);
        }
    }

    private HoconObject ResolveObject(HoconObject obj, string path)
    {
        var resolved = new HoconObject(obj.Position);
        foreach (var (key, child) in obj.Fields)
        {
            if (Evaluate(child, Join(path, key)).Value is { } value)
            {
                resolved.SetField(key, value);
            }
        }

        return resolved;
    }

    private HoconArray ResolveArray(HoconArray array, string path)
    {
        var items = new List<HoconValue>();
        foreach (var item in array.Items)
        {
            if (Evaluate(item, path).Value is { } value)
            {
                items.Add(value);
            }
        }

        return new HoconArray(array.Position, items);
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation, string path)
    {
        var parts = concatenation.Parts
            .Select(part => part is HoconSubstitution substitution
                ? new HoconConcatenator.Part(ResolveSubstitution(substitution), FromSubstitution: true)
                : new HoconConcatenator.Part(Evaluate(part, path).Value, FromSubstitution: false))
            .ToList();
        return HoconConcatenator.Join(concatenation, parts);
    }

    private HoconValue? ResolveDelayedMerge(HoconDelayedMerge merge, string path)
    {
        HoconValue? merged = null;
        foreach (var layer in merge.Layers)
        {
            if (Evaluate(layer, path).Value is { } value)
            {
                merged = merged is null ? value : HoconMerger.MergeResolved(merged, value);
            }
        }

        return merged;
    }

    /// <returns>The value, or <see langword="null"/> for an undefined optional substitution.</returns>
    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        var found = Lookup(substitution.Path);

        // Inside an included file the fixed-up path is tried first, then the path as written (spec, includes).
        if (found.Value is null && substitution.Path.Count != substitution.OriginalPath.Count
            && Lookup(substitution.OriginalPath) is { Value: not null } original)
        {
            found = original;
        }

        if (found.Value is { } value)
        {
            return value;
        }

        var name = string.Join('.', substitution.OriginalPath);
        if (_environment(name) is { } fromEnvironment)
        {
            return HoconScalar.String(fromEnvironment, substitution.Position);
        }

        if (substitution.IsOptional)
        {
            return null;
        }

        throw found.IsCycle
            ? new HoconParseException(substitution.Position, $"substitution {substitution} is part of a cycle: {DescribeCycle(string.Join('.', substitution.Path))}")
            : new HoconParseException(substitution.Position, $"substitution {substitution} cannot be resolved: '{name}' is not set in the configuration or the environment");
    }

    private HoconResolution Lookup(IReadOnlyList<string> path)
    {
        HoconValue node = _root;
        var walked = "";
        foreach (var key in path)
        {
            // Plain objects are walked without resolving them, so bar { foo = 1, baz = ${bar.foo} } is no cycle.
            if (node is not HoconObject obj)
            {
                var resolved = Evaluate(node, walked);
                if (resolved.Value is not HoconObject resolvedObject)
                {
                    return resolved.IsCycle ? resolved : HoconResolution.Undefined;
                }

                obj = resolvedObject;
            }

            if (!obj.TryGetField(key, out var child))
            {
                return HoconResolution.Undefined;
            }

            node = child;
            walked = Join(walked, key);
        }

        return Evaluate(node, walked);
    }

    private string DescribeCycle(string target)
    {
        var start = _evaluating.FindIndex(path => path == target || path.StartsWith(target + ".", StringComparison.Ordinal));
        var chain = _evaluating.Skip(Math.Max(start, 0)).Where(path => path.Length > 0).Append(target);
        return string.Join(" -> ", chain);
    }
}
