using JidoSessions.Actors.Events;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sessions;

/// <summary>What every shard and session of one system shares: options, the event publisher, and how to make a session's children.</summary>
internal sealed class SessionRuntime(
    SessionSystemOptions options,
    SessionEventPublisher events,
    Func<SessionId, TenantId, Props> contextProps,
    Func<SessionId, TenantId, IActorRef, Props> agentProps)
{
    public SessionSystemOptions Options { get; } = options;

    public SessionEventPublisher Events { get; } = events;

    public Props ContextProps(SessionId id, TenantId tenant) => contextProps(id, tenant);

    public Props AgentProps(SessionId id, TenantId tenant, IActorRef context) => agentProps(id, tenant, context);
}
