using JidoSessions.Client;

namespace JidoSessions.Actors.Sessions;

/// <summary>A session's config with every server default filled in: what the agent and context actually use.</summary>
internal sealed record ResolvedConfig(
    string Model,
    string? Voice,
    string? SystemPrompt,
    int MaxHistory,
    int MaxFiles,
    int TokenBudget,
    DoubleTextingPolicy DoubleTexting)
{
    /// <summary>Fills the gaps of <paramref name="config"/> from <paramref name="defaults"/>.</summary>
    public static ResolvedConfig Resolve(SessionConfig config, SessionDefaults defaults) => new(
        config.Model ?? defaults.Model,
        config.Voice,
        config.SystemPrompt ?? defaults.SystemPrompt,
        config.MaxHistory ?? defaults.MaxHistory,
        config.MaxFiles ?? defaults.MaxFiles,
        config.TokenBudget ?? defaults.TokenBudget,
        config.DoubleTexting ?? defaults.DoubleTexting);
}

/// <summary>Server-wide defaults for session config.</summary>
public sealed record SessionDefaults
{
    /// <summary>Model name when a session sets none.</summary>
    public string Model { get; init; } = "jido-local-1";

    /// <summary>System prompt when a session sets none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>History messages kept.</summary>
    public int MaxHistory { get; init; } = 200;

    /// <summary>Active files kept.</summary>
    public int MaxFiles { get; init; } = 50;

    /// <summary>Token budget per turn.</summary>
    public int TokenBudget { get; init; } = 8000;

    /// <summary>Policy for a message sent mid-turn.</summary>
    public DoubleTextingPolicy DoubleTexting { get; init; } = DoubleTextingPolicy.Enqueue;
}
