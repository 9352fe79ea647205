using System.Text.Json.Serialization;

namespace JidoSessions.Client;

/// <summary>What to do with a message sent while the session's agent is mid-turn.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DoubleTextingPolicy>))]
public enum DoubleTextingPolicy
{
    /// <summary>Run it after the current turn (default).</summary>
    Enqueue,

    /// <summary>Refuse it with <see cref="TurnInProgressException"/> (HTTP 409).</summary>
    Reject,

    /// <summary>Cancel the current turn (what was said so far is kept) and run the new one.</summary>
    Interrupt,
}

/// <summary>
/// Per-session settings; each session keeps its own. Null members mean "the server default".
/// </summary>
public sealed record SessionConfig
{
    /// <summary>Model name passed to the LLM provider.</summary>
    public string? Model { get; init; }

    /// <summary>Voice for voice gateways (opaque to the server).</summary>
    public string? Voice { get; init; }

    /// <summary>System prompt: always first in the model's context, never dropped.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>History messages kept (oldest dropped first); 1–100000.</summary>
    public int? MaxHistory { get; init; }

    /// <summary>Active files kept; 0–10000.</summary>
    public int? MaxFiles { get; init; }

    /// <summary>Token budget for the context built for each turn; 64–2000000.</summary>
    public int? TokenBudget { get; init; }

    /// <summary>Policy for a message sent mid-turn.</summary>
    public DoubleTextingPolicy? DoubleTexting { get; init; }

    /// <summary>Free-form string metadata (at most 64 entries, keys ≤ 128, values ≤ 4096 characters).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>This config with the non-null members of <paramref name="patch"/> applied (metadata merged key by key).</summary>
    public SessionConfig Merge(SessionConfig patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        Dictionary<string, string>? metadata = null;
        if (Metadata is not null || patch.Metadata is not null)
        {
            metadata = new Dictionary<string, string>(Metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in patch.Metadata ?? new Dictionary<string, string>())
            {
                metadata[key] = value;
            }
        }

        return new SessionConfig
        {
            Model = patch.Model ?? Model,
            Voice = patch.Voice ?? Voice,
            SystemPrompt = patch.SystemPrompt ?? SystemPrompt,
            MaxHistory = patch.MaxHistory ?? MaxHistory,
            MaxFiles = patch.MaxFiles ?? MaxFiles,
            TokenBudget = patch.TokenBudget ?? TokenBudget,
            DoubleTexting = patch.DoubleTexting ?? DoubleTexting,
            Metadata = metadata,
        };
    }

    /// <summary>Throws <see cref="ValidationException"/> listing every invalid member.</summary>
    public void Validate()
    {
        var errors = new Dictionary<string, string>();
        OneLine(errors, "model", Model, 200);
        OneLine(errors, "voice", Voice, 200);
        Check(errors, "systemPrompt", SystemPrompt, 100_000);
        Range(errors, "maxHistory", MaxHistory, 1, 100_000);
        Range(errors, "maxFiles", MaxFiles, 0, 10_000);
        Range(errors, "tokenBudget", TokenBudget, 64, 2_000_000);
        if (Metadata is { } metadata)
        {
            if (metadata.Count > 64)
            {
                errors["metadata"] = $"at most 64 entries (was {metadata.Count})";
            }

            foreach (var (key, value) in metadata)
            {
                if (key.Length is 0 or > 128 || key.Any(char.IsControl))
                {
                    errors[$"metadata.{key}"] = "keys must be 1-128 characters without control characters";
                }
                else if (value is null || value.Length > 4096)
                {
                    errors[$"metadata.{key}"] = "values must be present and at most 4096 characters";
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static void Check(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value is not null && (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            errors[field] = $"must be at most {max} characters without control characters";
        }
    }

    /// <summary>A name: no control characters at all (no line breaks or tabs either).</summary>
    private static void OneLine(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value is not null && (value.Length > max || value.Any(char.IsControl)))
        {
            errors[field] = $"must be at most {max} characters without control characters (no line breaks or tabs)";
        }
    }

    private static void Range(Dictionary<string, string> errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors[field] = $"must be between {min} and {max} (was {v})";
        }
    }
}
