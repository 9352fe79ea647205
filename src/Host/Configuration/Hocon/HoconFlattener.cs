namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Turns a resolved tree into Microsoft.Extensions.Configuration keys: path elements joined with ':', array
/// elements indexed from 0, scalars in their written form (30s stays "30s") and null as a null value.
/// Empty objects and arrays become a null-valued key, as the JSON provider does, so the section is known.
/// </summary>
internal static class HoconFlattener
{
    public static Dictionary<string, HoconFlatValue> Flatten(HoconObject root)
    {
        var values = new Dictionary<string, HoconFlatValue>(StringComparer.OrdinalIgnoreCase);
        Visit(root, "", values);
        return values;
    }

    private static void Visit(HoconValue value, string key, Dictionary<string, HoconFlatValue> values)
    {
        switch (value)
        {
            case HoconObject { Fields.Count: 0 } or HoconArray { Items.Count: 0 } when key.Length > 0:
                values[key] = new HoconFlatValue(null, value.Position);
                break;
            case HoconObject obj:
                foreach (var (childKey, child) in obj.Fields)
                {
                    Visit(child, key.Length == 0 ? childKey : ConfigurationPath.Combine(key, childKey), values);
                }

                break;
            case HoconArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Visit(array.Items[i], ConfigurationPath.Combine(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), values);
                }

                break;
            case HoconScalar scalar:
                values[key] = new HoconFlatValue(scalar.Text, scalar.Position);
                break;
            default:
                throw new InvalidOperationException($"cannot flatten an unresolved {value.GetType().Name}");
        }
    }
}
