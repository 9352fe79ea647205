namespace JidoSessions.Runtime;

/// <summary>The receive-timeout timer fired; the cell checks whether the actor really was idle.</summary>
internal sealed class ReceiveTimeoutTick : INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeoutTick Instance = new();

    private ReceiveTimeoutTick()
    {
    }
}
