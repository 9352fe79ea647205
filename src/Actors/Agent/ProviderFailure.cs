using JidoSessions.Actors.Llm;
using JidoSessions.Client;

namespace JidoSessions.Actors.Agent;

/// <summary>Names the kind of a failed model call for <see cref="TurnFailedException.Kind"/>.</summary>
internal static class ProviderFailure
{
    /// <summary>Context Ask that got no reply in time.</summary>
    public const string ContextTimeout = "ContextTimeout";

    /// <summary>Context Ask that failed otherwise (the context stopped or answered with a failure).</summary>
    public const string ContextFailed = "ContextFailed";

    /// <summary>The provider's own classification when it gives one (<see cref="LlmProviderException.Kind"/>), else the exception's type name.</summary>
    public static string KindOf(Exception exception) => exception switch
    {
        LlmProviderException provider => provider.Kind.ToString(),
        _ => exception.GetType().Name,
    };
}
