using System.Collections.Concurrent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Tests.Support;

/// <summary>
/// Wraps a real ContextManager (as its child) so tests can crash a session's context on demand: it throws
/// on <see cref="Boom"/>, and on any BuildContext whose text contains "poison". Before a restart it tells
/// the requester of the failed message, so no caller waits for a reply that will never come.
/// </summary>
internal sealed class FaultInjectingContext(SessionId id, TenantId tenant, SessionEventPublisher events, ConcurrentDictionary<SessionId, IActorRef> registry) : UntypedActor
{
    private IActorRef? _inner;

    public static Func<SessionId, TenantId, SessionEventPublisher, Props> Factory(ConcurrentDictionary<SessionId, IActorRef> registry) =>
        (id, tenant, events) => Props.Create(() => new FaultInjectingContext(id, tenant, events, registry));

    protected override void PreStart()
    {
        registry[id] = Self;
        _inner = Context.ActorOf(Props.Create(() => new ContextManager(id, tenant, events, 100)), "inner");
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        Sender.Tell(new Status.Failure(reason), Self);
        base.PreRestart(reason, message);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Boom:
                throw new InvalidOperationException("injected context failure");
            case BuildContext build when build.UserMessage.Contains("poison", StringComparison.Ordinal):
                throw new InvalidOperationException("poison message");
            default:
                _inner!.Forward(message);
                break;
        }
    }

    internal sealed record Boom
    {
        public static readonly Boom Instance = new();
    }
}
