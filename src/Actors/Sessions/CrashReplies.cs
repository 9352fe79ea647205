using Akka.Actor;
using JidoSessions.Client;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// A session child that throws while handling a request answers that request's sender with a typed failure
/// before it is restarted, so a caller never waits out its timeout for a reply that cannot come.
/// Called from the children's AroundReceive.
/// </summary>
internal static class CrashReplies
{
    public static void Answer(IActorRef sender, IActorRef self, IActorRef parent, SessionId sessionId, Exception exception)
    {
        if (sender.IsNobody() || sender.Equals(parent) || sender is DeadLetterActorRef)
        {
            return;
        }

        sender.Tell(new FailureReply(new SessionUnavailableException(
            $"Session {sessionId} failed handling the request ({exception.GetType().Name}); it is being restarted.", exception)), self);
    }
}
