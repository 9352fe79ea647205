using System.Runtime.ExceptionServices;
using Akka.Actor;

namespace JidoSessions.Actors.Support;

/// <summary>Ask with typed failures: a <see cref="FailureReply"/> or <see cref="Status.Failure"/> reply rethrows its cause, whatever the expected type.</summary>
internal static class ActorAsk
{
    public static async Task<T> AskFor<T>(this ICanTell target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await target.Ask<object>(message, timeout, cancellationToken).ConfigureAwait(false);
        switch (reply)
        {
            case FailureReply failure:
                throw failure.Error;
            case Status.Failure failure:
                ExceptionDispatchInfo.Capture(failure.Cause).Throw();
                throw failure.Cause;
            case T value:
                return value;
            default:
                throw new InvalidCastException($"Expected {typeof(T).Name} in reply to {message.GetType().Name}, got {reply.GetType().Name}.");
        }
    }
}
