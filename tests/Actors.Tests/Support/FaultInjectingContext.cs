using System.Collections.Concurrent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Client;
using Akka.Actor;

namespace JidoSessions.Actors.Tests.Support;

/// <summary>
/// Wraps a real ContextManager (as its child) so tests can crash a session's context on demand: it throws
/// on <see cref="Boom"/>, and on any BuildContext whose text contains "poison". Before a restart it tells
/// the requester of the failed message, so no caller waits for a reply that will never come.
/// </summary>
internal sealed class FaultInjectingContext(SessionId id, TenantId tenant, SessionEventPublisher events, IActorRef owner, ConcurrentDictionary<SessionId, IActorRef> registry) : UntypedActor
{
    private IActorRef? _inner;

    public static Func<SessionId, TenantId, SessionEventPublisher, IActorRef, Props> Factory(ConcurrentDictionary<SessionId, IActorRef> registry) =>
        (id, tenant, events, owner) => Props.Create(() => new FaultInjectingContext(id, tenant, events, owner, registry));

    protected override void PreStart()
    {
        registry[id] = Self;
        _inner = Context.ActorOf(Props.Create(() => new ContextManager(id, tenant, events, TimeProvider.System, null, owner, 100, null, null)), "inner");
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception exception)
        {
            // As the real context does: the requester of the failed message hears of it at once.
            Sender.Tell(new Status.Failure(exception), Self);
            throw;
        }
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
