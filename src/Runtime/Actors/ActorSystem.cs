using JidoSessions.Runtime.Events;
using JidoSessions.Runtime.Logging;
using JidoSessions.Runtime.Mailbox;
using JidoSessions.Runtime.Scheduling;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Runtime;

/// <summary>
/// A hierarchy of actors with its event stream, scheduler and dead letters. Top-level actors live under
/// <c>/user</c>; <see cref="Terminate"/> stops them children-first and completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly DeadLetterActorRef _deadLetters;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _extensions = new();
    private int _tempNumber;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Logger = settings.LoggerFactory.CreateLogger("JidoSessions.Runtime");
        var rootPath = ActorPath.Root(name);
        _deadLetters = new DeadLetterActorRef(this, rootPath.Child("deadLetters"));
        EventStream = new EventStream();
        Scheduler = new TimeProviderScheduler(settings.TimeProvider);

        _userGuardian = null!;
        _root = new ActorCell(this, null, "", Props.Create(() => new RootGuardianActor(_userGuardian)));
        _userGuardian = (ActorCell)_root.ActorOf(Props.Create<GuardianActor>(), "user");
        _systemGuardian = (ActorCell)_root.ActorOf(Props.Create<GuardianActor>(), "system");
        _root.Start();
        EventStream.StartUnsubscriber(_systemGuardian);
    }

    /// <summary>The system's name, the first element of every path.</summary>
    public string Name { get; }

    /// <summary>The settings it was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>Publish/subscribe by message type (subscribing to a base type includes subtypes).</summary>
    public EventStream EventStream { get; }

    /// <summary>Delayed and periodic tells, driven by <see cref="ActorSystemSettings.TimeProvider"/>.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>Messages told to it are published as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>The clock of this system.</summary>
    public TimeProvider TimeProvider => Settings.TimeProvider;

    /// <summary>Completes once every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ILogger Logger { get; }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">Letters, digits, '-' and '_'.</param>
    /// <param name="settings">Null for <see cref="ActorSystemSettings.Default"/>.</param>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Actor system name '{name}' may contain only letters, digits, '-' and '_'.", nameof(name));
        }

        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>Registers a system-wide service (Akka's extensions) once; returns the one registered first.</summary>
    public T RegisterExtension<T>(T extension)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(extension);
        return (T)_extensions.GetOrAdd(typeof(T), extension);
    }

    /// <summary>The extension registered for <typeparamref name="T"/>, or null.</summary>
    public T? GetExtension<T>()
        where T : class =>
        _extensions.TryGetValue(typeof(T), out var extension) ? (T)extension : null;

    /// <summary>Starts a top-level actor under <c>/user</c>. Thread-safe.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Starts an internal actor under <c>/system</c>.</summary>
    internal IActorRef SystemActorOf(Props props, string name) => _systemGuardian.ActorOf(props, name);

    /// <summary>Stops an actor (after its current message; queued messages become dead letters).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>Stops all actors, children before parents, /user before /system; returns <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        _userGuardian.SendSystemMessage(new Terminate());
        return WhenTerminated;
    }

    /// <summary>Terminates and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await Terminate().ConfigureAwait(false);
        Scheduler.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem[{Name}]";

    internal bool IsGuardian(ActorCell cell) => cell == _userGuardian || cell == _systemGuardian || cell == _root;

    internal ActorPath NewTempPath() => _root.Path.Child("temp").Child("$" + Interlocked.Increment(ref _tempNumber));

    internal void OnRootTerminated() => _terminated.TrySetResult();

    /// <summary>Publishes an undeliverable message; an Ask waiting on it fails at once instead of timing out.</summary>
    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is DeadLetter)
        {
            return;
        }

        if (sender is Ask.PromiseActorRef promise)
        {
            promise.Fail(new AskTimeoutException($"{recipient.Path} is stopped; {message.GetType().Name} was not delivered."));
        }

        if (message is Terminated or PoisonPill)
        {
            return;
        }

        RuntimeLog.DeadLetter(Logger, message.GetType().Name, recipient.Path.ToString());
        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }
}
