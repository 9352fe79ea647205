using System.Threading.Channels;
using JidoSessions.Runtime;
using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.TestKit;

/// <summary>
/// An actor ref whose messages tests await: expect a message of a type (and predicate) within a time,
/// expect silence, expect a watched actor's termination, reply to or forward the last message.
/// Timeouts are real time, independent of the system's (possibly manual) clock.
/// </summary>
public sealed class TestProbe : IInternalActorRef, IHasActorSystem
{
    private readonly Channel<(object Message, IActorRef? Sender)> _received =
        Channel.CreateUnbounded<(object, IActorRef?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IInternalActorRef _actor;
    private object? _lastMessage;

    /// <summary>Creates a probe actor under /user.</summary>
    public TestProbe(ActorSystem system, string? name = null, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(5);
        _actor = (IInternalActorRef)system.ActorOf(Props.Create(() => new ProbeActor(_received.Writer)), name);
    }

    /// <inheritdoc />
    public ActorSystem System { get; }

    /// <summary>The probe's own actor ref (what actors see as Sender).</summary>
    public IActorRef Ref => _actor;

    /// <inheritdoc />
    public ActorPath Path => _actor.Path;

    /// <summary>How long expectations wait when given no timeout.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>The sender of the last message taken by an expectation.</summary>
    public IActorRef? LastSender { get; private set; }

    bool IInternalActorRef.IsTerminated => _actor.IsTerminated;

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender) => _actor.Tell(message, sender);

    void IInternalActorRef.SendSystemMessage(SystemMessage message) => _actor.SendSystemMessage(message);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, _actor);
    }

    /// <summary>Replies to the sender of the last message, with this probe as sender.</summary>
    public void Reply(object message)
    {
        var sender = LastSender ?? throw new InvalidOperationException("No message has been received yet, so there is no one to reply to.");
        sender.Tell(message, _actor);
    }

    /// <summary>Forwards the last message to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var message = _lastMessage ?? throw new InvalidOperationException("No message has been received yet, so there is nothing to forward.");
        target.Tell(message, LastSender);
    }

    /// <summary>Watches <paramref name="target"/>; its <see cref="Terminated"/> arrives like any message.</summary>
    public void Watch(IActorRef target) => _actor.Tell(new ProbeActor.WatchCommand(target, Watch: true), null);

    /// <summary>Stops watching <paramref name="target"/>.</summary>
    public void Unwatch(IActorRef target) => _actor.Tell(new ProbeActor.WatchCommand(target, Watch: false), null);

    /// <summary>Awaits the next message, which must be a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null, string? hint = null)
    {
        var wait = timeout ?? DefaultTimeout;
        var message = await ReceiveOneAsync(wait).ConfigureAwait(false)
            ?? throw Fail($"Timeout ({wait}) waiting for {typeof(T).Name}{Hint(hint)} at {Path}.");
        if (message is not T typed)
        {
            throw Fail($"Expected {typeof(T).Name}{Hint(hint)} at {Path} but got {Describe(message)}.");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw Fail($"{typeof(T).Name} at {Path} did not match the predicate{Hint(hint)}: {Describe(message)}.");
        }

        return typed;
    }

    /// <summary>Awaits the next message, which must equal <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull
    {
        var message = await ExpectMsgAsync<T>(null, timeout, $" equal to {expected}").ConfigureAwait(false);
        return Equals(message, expected) ? message : throw Fail($"Expected {Describe(expected)} at {Path} but got {Describe(message)}.");
    }

    /// <summary>Fails if any message arrives within <paramref name="duration"/>.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        var wait = duration ?? TimeSpan.FromMilliseconds(200);
        var message = await ReceiveOneAsync(wait).ConfigureAwait(false);
        if (message is not null)
        {
            throw Fail($"Expected no message at {Path} for {wait} but got {Describe(message)}.");
        }
    }

    /// <summary>Awaits <see cref="Terminated"/> for <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(target) || target.Equals(t.ActorRef), timeout, $" of {target.Path}");

    /// <summary>Takes messages until one satisfies <paramref name="isTarget"/>, discarding the others.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> isTarget, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTarget);
        var wait = timeout ?? DefaultTimeout;
        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var left = wait - TimeProvider.System.GetElapsedTime(deadline);
            var message = left > TimeSpan.Zero ? await ReceiveOneAsync(left).ConfigureAwait(false) : null;
            if (message is null)
            {
                throw Fail($"Timeout ({wait}) fishing for {typeof(T).Name} at {Path}.");
            }

            if (message is T typed && isTarget(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>Takes the next <paramref name="count"/> messages, whatever they are.</summary>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var left = wait - TimeProvider.System.GetElapsedTime(started);
            var message = left > TimeSpan.Zero ? await ReceiveOneAsync(left).ConfigureAwait(false) : null;
            messages.Add(message ?? throw Fail($"Timeout ({wait}) at {Path}: received {messages.Count} of {count} messages."));
        }

        return messages;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TestProbe other ? other._actor == _actor : _actor.Equals(obj);

    /// <inheritdoc />
    public override int GetHashCode() => _actor.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"TestProbe[{Path}]";

    private async Task<object?> ReceiveOneAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var (message, sender) = await _received.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
            _lastMessage = message;
            LastSender = sender;
            return message;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string Hint(string? hint) => hint ?? "";

    private static string Describe(object message) => $"{message.GetType().Name} {message}";

    private static Exception Fail(string message) => new Xunit.Sdk.XunitException(message);

    private sealed class ProbeActor(ChannelWriter<(object, IActorRef?)> received) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is WatchCommand command)
            {
                if (command.Watch)
                {
                    Context.Watch(command.Target);
                }
                else
                {
                    Context.Unwatch(command.Target);
                }

                return;
            }

            received.TryWrite((message, Sender == Context.System.DeadLetters ? null : Sender));
        }

        internal sealed record WatchCommand(IActorRef Target, bool Watch);
    }
}
