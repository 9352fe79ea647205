using JidoSessions.Runtime.Ask;

namespace JidoSessions.Runtime;

/// <summary>Tell with the implicit sender, Forward, and Ask.</summary>
public static class ActorRefExtensions
{
    /// <summary>Tells with the current actor as sender when called inside an actor, else with no sender.</summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current);
    }

    /// <summary>True when <paramref name="actor"/> is a local actor that has stopped for good (or dead letters).</summary>
    public static bool IsTerminated(this IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor is IInternalActorRef { IsTerminated: true };
    }

    /// <summary>Passes the current message on, keeping its original sender; only inside an actor.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var current = ActorCell.Current ?? throw new InvalidOperationException("Forward is only valid inside an actor's handler.");
        receiver.Tell(message, current.Sender);
    }

    /// <summary>
    /// Sends <paramref name="message"/> and awaits the reply. Throws <see cref="AskTimeoutException"/>
    /// when no reply comes within <paramref name="timeout"/> (default: the system's DefaultAskTimeout) or
    /// the target is stopped, the reply's cause when it is a <see cref="Status.Failure"/>, and
    /// <see cref="InvalidCastException"/> when the reply is not a <typeparamref name="T"/>.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(receiver);
        if (receiver is IInternalActorRef { IsTerminated: true })
        {
            throw new AskTimeoutException($"Recipient {receiver.Path} had already been terminated; {message.GetType().Name} was not sent.");
        }

        var wait = timeout ?? system.Settings.DefaultAskTimeout;
        var promise = new PromiseActorRef(system) { Target = receiver };
        using var timer = system.TimeProvider.CreateTimer(
            static state =>
            {
                var (p, t) = ((PromiseActorRef, TimeSpan))state!;
                p.Fail(new AskTimeoutException($"No reply within {t} from {p.Target}."));
            },
            (promise, wait),
            wait,
            Timeout.InfiniteTimeSpan);
        await using var registration = cancellationToken.Register(
            static state => ((PromiseActorRef)state!).Cancel(),
            promise).ConfigureAwait(false);
        receiver.Tell(message, promise);

        var reply = await promise.Task.ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException($"Ask expected {typeof(T).Name} from {receiver.Path} but got {reply.GetType().Name}.");
    }

    private static ActorSystem SystemOf(IActorRef receiver) => receiver switch
    {
        ActorCell cell => cell.System,
        PromiseActorRef => throw new ArgumentException("Cannot ask a temporary ask ref.", nameof(receiver)),
        IHasActorSystem owner => owner.System,
        _ => throw new ArgumentException($"Cannot ask {receiver.GetType().Name}: it belongs to no local actor system.", nameof(receiver)),
    };
}
