namespace JidoSessions.Client;

/// <summary>Hands out clients scoped to one tenant (the HTTP host resolves the tenant from the API key).</summary>
public interface ISessionClientFactory
{
    /// <summary>A client that sees and touches only <paramref name="tenant"/>'s sessions.</summary>
    ISessionClient ForTenant(TenantId tenant);
}
