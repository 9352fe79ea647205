using Akka.Actor;
using JidoSessions.Client;

namespace JidoSessions.Actors.Support;

/// <summary>
/// A typed failure as a reply. Used instead of <see cref="Status.Failure"/> for <see cref="SessionException"/>s
/// because Akka's exception serialization keeps only the type, message and stack trace when the reply crosses
/// nodes: the wire serializer keeps the code and every typed member, so a caller on another node gets the
/// same exception as a local one. <see cref="ActorAsk.AskFor{T}"/> rethrows it.
/// </summary>
internal sealed record FailureReply(SessionException Error)
{
    /// <summary>A reply for any failure: typed ones as <see cref="FailureReply"/>, others as <see cref="Status.Failure"/>.</summary>
    public static object Of(Exception exception) =>
        exception is SessionException session ? new FailureReply(session) : new Status.Failure(exception);
}
