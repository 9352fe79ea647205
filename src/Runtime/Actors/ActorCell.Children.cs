using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Children: creation with unique names, lookup, stopping, and removal when they are gone.</summary>
internal sealed partial class ActorCell
{
    // Created on the first child. Locked because top-level actors are added from any thread.
    private Dictionary<string, ActorCell>? _children;
    private int _nextChildNumber;

    public IReadOnlyCollection<IActorRef> Children => ChildCells();

    public IActorRef? Child(string name)
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            return null;
        }

        lock (children)
        {
            return children.GetValueOrDefault(name);
        }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        name = name is null ? NextChildName() : ValidateChildName(name);
        var child = new ActorCell(_system, this, name, props);
        var children = Volatile.Read(ref _children) ?? CreateChildren();
        lock (children)
        {
            if (!children.TryAdd(name, child))
            {
                throw new InvalidActorNameException($"An actor named '{name}' already exists under {Path}.");
            }
        }

        child.Start();
        if (_state >= CellState.Terminating)
        {
            child.SendSystemMessage(new Terminate());
        }

        return child;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell && cell._parent == this && _current == this)
        {
            StopChild(cell);
        }
        else if (actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Terminate());
        }
    }

    internal IReadOnlyCollection<ActorCell> ChildCells()
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            return [];
        }

        lock (children)
        {
            return children.Count == 0 ? [] : [.. children.Values];
        }
    }

    private void StopChild(ActorCell child)
    {
        if ((Extras.StoppingChildren ??= []).Add(child))
        {
            child.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>Asks every child to stop; false when there were none.</summary>
    private bool StopAllChildren()
    {
        var children = ChildCells();
        foreach (var child in children)
        {
            StopChild(child);
        }

        return children.Count > 0;
    }

    private void HandleChildTerminated(ActorCell child)
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            return;
        }

        int remaining;
        lock (children)
        {
            if (!children.TryGetValue(child._name, out var current) || current != child)
            {
                return;
            }

            children.Remove(child._name);
            remaining = children.Count;
        }

        var stopping = _extras?.StoppingChildren;
        stopping?.Remove(child);
        if (_state == CellState.Terminating && remaining == 0)
        {
            FinishTerminate();
        }
        else if (_state == CellState.Recreating && stopping is not { Count: > 0 })
        {
            FinishRecreate(_extras!.RecreateCause!);
        }
    }

    private Dictionary<string, ActorCell> CreateChildren()
    {
        var fresh = new Dictionary<string, ActorCell>(StringComparer.Ordinal);
        return Interlocked.CompareExchange(ref _children, fresh, null) ?? fresh;
    }

    private string NextChildName()
    {
        var number = (uint)Interlocked.Increment(ref _nextChildNumber);
        Span<char> buffer = stackalloc char[8];
        var position = buffer.Length;
        do
        {
            buffer[--position] = (char)('a' + (int)(number % 26));
            number /= 26;
        }
        while (number > 0);

        return string.Concat("$", buffer[position..]);
    }

    private static string ValidateChildName(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException("An actor name must not be empty.");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"Actor name '{name}' must not start with '$' (reserved for generated names).");
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-_.:@~+=,;!*'&".IndexOf(c) < 0)
            {
                throw new InvalidActorNameException($"Actor name '{name}' contains '{c}'; use letters, digits and -_.:@~+=,;!*'&.");
            }
        }

        return name;
    }
}
