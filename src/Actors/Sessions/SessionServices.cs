using Akka.Actor;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using JidoSessions.Persistence.Directory;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// What every session entity of one actor system shares: options, the event publisher, the listing read side,
/// the clock, logging, and how to make a session's children. Created once per system by the hosting setup.
/// </summary>
internal sealed class SessionServices(
    SessionSystemOptions options,
    SessionEventPublisher events,
    ISessionDirectoryStore directory,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    Func<SessionId, TenantId, IActorRef, SessionServices, Props> contextProps,
    Func<SessionId, TenantId, IActorRef, IActorRef, SessionServices, Props> agentProps)
{
    public SessionSystemOptions Options { get; } = options;

    public SessionEventPublisher Events { get; } = events;

    public ISessionDirectoryStore Directory { get; } = directory;

    public TimeProvider Time { get; } = time;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>The session's context; <paramref name="owner"/> is the session entity.</summary>
    public Props ContextProps(SessionId id, TenantId tenant, IActorRef owner) => contextProps(id, tenant, owner, this);

    /// <summary>The session's agent, talking to <paramref name="context"/>; <paramref name="owner"/> is the session entity.</summary>
    public Props AgentProps(SessionId id, TenantId tenant, IActorRef context, IActorRef owner) => agentProps(id, tenant, context, owner, this);
}
