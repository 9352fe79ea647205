namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>An object: fields in the order they were first defined. Keys are case-sensitive, as in HOCON.</summary>
internal sealed class HoconObject(HoconPosition position) : HoconValue(position)
{
    private readonly Dictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    public bool TryGetField(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    /// <summary>Sets a field without merging; <see cref="HoconMerger"/> decides what the new value is.</summary>
    public void SetField(string key, HoconValue value) => _fields[key] = value;
}
