using System.Globalization;
using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Configuration;

/// <summary>
/// Reads typed values from configuration, collecting one error per bad key instead of stopping at the first:
/// <c>jido:sessions:idle-timeout = 'abc' is not a duration (hocon/jido.conf:12:18)</c>. A missing key takes the
/// default given by the caller (the same default <c>hocon/jido.conf</c> documents).
/// </summary>
internal sealed class ConfigReader(IConfiguration configuration)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (Raw(key) is not { } text)
        {
            return fallback;
        }

        if (!HoconDuration.TryParse(text, out var value))
        {
            Fail(key, "is not a duration", "use a number and a unit: 500ms, 30s, 5m, 24h, 7d");
            return fallback;
        }

        if (value < min || value > max)
        {
            Fail(key, $"is out of range", $"must be between {min} and {max}");
        }

        return value;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        if (Raw(key) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Fail(key, "is not a whole number");
            return fallback;
        }

        if (value < min || value > max)
        {
            Fail(key, "is out of range", $"must be between {min} and {max}");
        }

        return value;
    }

    public long Size(string key, long fallback, long min, long max)
    {
        if (Raw(key) is not { } text)
        {
            return fallback;
        }

        if (!HoconSize.TryParse(text, out var value))
        {
            Fail(key, "is not a size", "use a number of bytes and an optional unit: 512KiB, 1MiB, 10MB");
            return fallback;
        }

        if (value < min || value > max)
        {
            Fail(key, "is out of range", $"must be between {min} and {max} bytes");
        }

        return value;
    }

    public bool Bool(string key, bool fallback)
    {
        switch (Raw(key)?.ToLowerInvariant())
        {
            case null:
                return fallback;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Fail(key, "is not a boolean", "use true or false");
                return fallback;
        }
    }

    public string String(string key, string fallback) => Raw(key) ?? fallback;

    public string? OptionalString(string key) => Raw(key) is { Length: > 0 } text ? text : null;

    /// <summary>An enum written in lowercase with dashes (<c>sqlite</c>, <c>openai</c>), matched ignoring case and dashes.</summary>
    public T Enum<T>(string key, T fallback)
        where T : struct, Enum
    {
        if (Raw(key) is not { } text)
        {
            return fallback;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Fail(key, "is not one of " + string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant())));
        return fallback;
    }

    public Uri? AbsoluteUrl(string key, Uri? fallback)
    {
        if (Raw(key) is not { } text)
        {
            return fallback;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        Fail(key, "is not an absolute http(s) URL");
        return fallback;
    }

    /// <summary>The string values of a list (<c>key:0</c>, <c>key:1</c>…), in index order; empty when unset.</summary>
    public IReadOnlyList<string> StringList(string key) =>
        Items(key).Select(item => item.Value).OfType<string>().Where(v => v.Length > 0).ToList();

    /// <summary>The elements of a list of objects, in index order.</summary>
    public IReadOnlyList<IConfigurationSection> Items(string key) =>
        configuration.GetSection(key).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Records an error for <paramref name="key"/>, quoting its value and naming where it came from.</summary>
    public void Fail(string key, string problem, string? hint = null, bool secret = false)
    {
        var value = secret ? null : configuration[key];
        var origin = ConfigurationOrigin.Describe(configuration, key);
        var text = value is null ? $"{key} {problem}" : $"{key} = '{value}' {problem}";
        if (origin is not null)
        {
            text += $" ({origin})";
        }

        _errors.Add(hint is null ? text : $"{text}; {hint}");
    }

    private string? Raw(string key) => configuration[key] is { } value ? value.Trim() : null;
}
