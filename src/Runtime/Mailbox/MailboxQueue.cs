namespace JidoSessions.Runtime.Mailbox;

/// <summary>
/// Unbounded multi-producer / single-consumer FIFO queue made of ring segments.
/// </summary>
/// <remarks>
/// Embedded as a mutable struct in the actor cell so an actor that never received a message owns no
/// queue storage at all (the first producer allocates a 4-slot segment). Producers claim a slot with
/// one CAS on the segment's tail and publish it by writing the slot's sequence number; the consumer
/// (the one thread running the actor) reads in order. A full segment is frozen and a larger one is
/// linked after it, so the steady state allocates nothing. <see cref="IsEmpty"/> counts claimed slots,
/// not published ones: a producer that claimed (a full fence) but has not yet published is "not
/// empty", which is what makes the mailbox's schedule/release handshake free of lost wake-ups.
/// </remarks>
internal struct MailboxQueue
{
    private const int InitialCapacity = 4;
    private const int MaxCapacity = 2048;

    private Segment? _head;
    private Segment? _tail;

    /// <summary>Appends a message; callable from any thread.</summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        var segment = Volatile.Read(ref _tail) ?? CreateFirstSegment();
        while (!segment.TryEnqueue(message, sender))
        {
            segment = Grow(segment);
        }
    }

    /// <summary>Takes the oldest message; only the consumer may call this.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        var segment = Volatile.Read(ref _head);
        if (segment is null)
        {
            envelope = default;
            return false;
        }

        while (true)
        {
            if (segment.TryDequeue(out envelope))
            {
                return true;
            }

            var next = Volatile.Read(ref segment.Next);
            if (next is null)
            {
                return false;
            }

            // The segment is frozen: once its last claimed slot is consumed it can be dropped.
            if (segment.ClaimedBeyondHead(frozen: true) > 0)
            {
                continue;
            }

            Volatile.Write(ref _head, next);
            segment = next;
        }
    }

    /// <summary>True when no producer has claimed a slot the consumer has not taken.</summary>
    public bool IsEmpty
    {
        get
        {
            var segment = Volatile.Read(ref _head);
            while (segment is not null)
            {
                var next = Volatile.Read(ref segment.Next);
                if (segment.ClaimedBeyondHead(frozen: next is not null) > 0)
                {
                    return false;
                }

                segment = next;
            }

            return true;
        }
    }

    private Segment CreateFirstSegment()
    {
        // The consumer only ever reads _head, so the first segment is published there first.
        var candidate = new Segment(InitialCapacity);
        var first = Interlocked.CompareExchange(ref _head, candidate, null) ?? candidate;
        Interlocked.CompareExchange(ref _tail, first, null);
        return Volatile.Read(ref _tail)!;
    }

    private Segment Grow(Segment full)
    {
        lock (full)
        {
            var current = Volatile.Read(ref _tail)!;
            if (current != full)
            {
                return current;
            }

            full.Freeze();
            var next = new Segment(Math.Min(full.Capacity * 2, MaxCapacity));
            Volatile.Write(ref full.Next, next);
            Volatile.Write(ref _tail, next);
            return next;
        }
    }

    private sealed class Segment
    {
        // Added to the tail when frozen so every later claim sees a "full" segment.
        private const int FreezeOffset = 1 << 29;

        public Segment? Next;
        private readonly Slot[] _slots;
        private int _tail;
        private int _head;

        public Segment(int capacity)
        {
            _slots = new Slot[capacity];
            for (var i = 0; i < capacity; i++)
            {
                _slots[i].Sequence = i;
            }
        }

        public int Capacity => _slots.Length;

        public bool TryEnqueue(object message, IActorRef? sender)
        {
            var slots = _slots;
            var mask = slots.Length - 1;
            while (true)
            {
                var tail = Volatile.Read(ref _tail);
                ref var slot = ref slots[tail & mask];
                var diff = Volatile.Read(ref slot.Sequence) - tail;
                if (diff == 0)
                {
                    if (Interlocked.CompareExchange(ref _tail, tail + 1, tail) == tail)
                    {
                        slot.Message = message;
                        slot.Sender = sender;
                        Volatile.Write(ref slot.Sequence, tail + 1);
                        return true;
                    }
                }
                else if (diff < 0)
                {
                    return false;
                }
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            var slots = _slots;
            var head = _head;
            ref var slot = ref slots[head & (slots.Length - 1)];
            var spinner = default(SpinWait);
            while (true)
            {
                if (Volatile.Read(ref slot.Sequence) == head + 1)
                {
                    envelope = new Envelope(slot.Message!, slot.Sender);
                    slot.Message = null;
                    slot.Sender = null;
                    _head = head + 1;
                    Volatile.Write(ref slot.Sequence, head + slots.Length);
                    return true;
                }

                if (ClaimedBeyondHead(frozen: Volatile.Read(ref Next) is not null) <= 0)
                {
                    envelope = default;
                    return false;
                }

                // A producer claimed this slot and is between its CAS and its publish: a few instructions.
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public int ClaimedBeyondHead(bool frozen)
        {
            var tail = Volatile.Read(ref _tail);
            if (frozen)
            {
                tail -= FreezeOffset;
            }

            var claimed = tail - _head;

            // Freezing is in progress (offset added, successor not linked yet): treat as not empty.
            return claimed > _slots.Length ? 1 : claimed;
        }

        public void Freeze() => Interlocked.Add(ref _tail, FreezeOffset);
    }

    private struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
        public int Sequence;
    }
}
