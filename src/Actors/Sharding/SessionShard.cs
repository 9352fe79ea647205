using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sharding;

/// <summary>
/// <c>/user/sessions/shard-NN</c>: starts session supervisors on demand (<c>session-&lt;id&gt;</c>), forwards
/// requests to them, and watches them. A session's failure never escalates past its shard: the
/// strategy stops that one child, and an unexpected stop is reported to the manager, which marks the
/// session Failed. Passivation is a hand-over: messages that arrive while a session stops are buffered
/// and delivered to its next incarnation, so none is lost.
/// </summary>
internal sealed class SessionShard(SessionRuntime runtime) : UntypedActor
{
    private readonly Dictionary<SessionId, IActorRef> _sessions = [];
    private readonly Dictionary<IActorRef, SessionId> _ids = [];
    private readonly Dictionary<SessionId, (SessionInfo Directory, List<(object Payload, IActorRef Sender)> Messages)> _passivating = [];
    private readonly HashSet<SessionId> _ending = [];

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.FromSeconds(1), static _ => Directive.Stop);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ShardEnvelope envelope:
                Deliver(envelope.Directory, envelope.Payload, Sender);
                break;
            case Passivate passivate when _sessions.TryGetValue(passivate.Id, out var session) && !_passivating.ContainsKey(passivate.Id):
                // A user-level stop: what is already in its mailbox is still handled; what arrives from now on is buffered.
                _passivating[passivate.Id] = (default!, []);
                session.Tell(PoisonPill.Instance, Self);
                break;
            case SessionEnding ending:
                _ending.Add(ending.Id);
                break;
            case Terminated terminated when _ids.Remove(terminated.ActorRef, out var id):
                HandleStopped(id);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Deliver(SessionInfo directory, object payload, IActorRef sender)
    {
        var id = directory.Id;
        if (_passivating.TryGetValue(id, out var buffer))
        {
            buffer.Messages.Add((payload, sender));
            _passivating[id] = (directory, buffer.Messages);
            return;
        }

        if (!_sessions.TryGetValue(id, out var session))
        {
            session = Start(directory);
        }

        if (payload is ResolveSessionActor)
        {
            sender.Tell(session, Self);
            return;
        }

        session.Tell(payload, sender);
    }

    private IActorRef Start(SessionInfo directory)
    {
        var manager = Context.Parent;
        var session = Context.ActorOf(
            Props.Create(() => new SessionSupervisor(directory, runtime, manager)),
            $"session-{directory.Id}");
        Context.Watch(session);
        _sessions[directory.Id] = session;
        _ids[session] = directory.Id;
        return session;
    }

    private void HandleStopped(SessionId id)
    {
        _sessions.Remove(id);
        if (_passivating.Remove(id, out var buffer))
        {
            // Hand-over: whatever arrived while it stopped goes to a fresh incarnation, in order.
            if (buffer.Messages.Count > 0)
            {
                var session = Start(buffer.Directory);
                foreach (var (payload, sender) in buffer.Messages)
                {
                    session.Tell(payload, sender);
                }
            }

            return;
        }

        if (!_ending.Remove(id))
        {
            Context.Parent.Tell(new SessionCrashed(id, "the session actor stopped unexpectedly"), Self);
        }
    }
}
