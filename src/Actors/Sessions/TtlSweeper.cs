using Akka.Actor;
using Akka.Event;
using JidoSessions.Actors.Keys;
using JidoSessions.Client;
using JidoSessions.Persistence.Directory;

namespace JidoSessions.Actors.Sessions;

/// <summary>On the node's EventStream after each sweep (the next one is scheduled by then): how many sessions it nudged.</summary>
internal sealed record TtlSweepCompleted(int Nudged);

/// <summary>
/// One per node: every <see cref="Hosting.SessionSystemOptions.TtlSweepInterval"/> (on the injected
/// <see cref="TimeProvider"/>) it reads from the listing the sessions idle for longer than the TTL, least recently
/// active first, and sends each an <see cref="ExpireIfIdle"/> through the region. A live session has its own TTL
/// timer; a passivated one has none, and this wakes it so it can decide from its own last activity. Several nodes
/// nudging the same session is harmless: ending is idempotent. Not on the path of any request.
/// </summary>
internal sealed class TtlSweeper : ReceiveActor
{
    /// <summary>Sessions nudged per sweep; the rest wait for the next one.</summary>
    public const int BatchSize = 1000;

    private readonly SessionServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ITimer? _timer;

    public TtlSweeper(SessionServices services)
    {
        _services = services;
        Receive<Sweep>(_ => StartSweep());
        Receive<IReadOnlyList<DirectoryEntry>>(Nudge);
        Receive<Status.Failure>(failure =>
        {
            _log.Warning("TTL sweep could not read the listing: {0}", failure.Cause.Message);
            ScheduleNext();
        });
    }

    public static Props Props(SessionServices services) => Akka.Actor.Props.Create<TtlSweeper>(services);

    protected override void PreStart() => ScheduleNext();

    protected override void PostStop() => _timer?.Dispose();

    private void StartSweep()
    {
        if (_services.Options.Ttl is not { } ttl)
        {
            return;
        }

        _services.Directory.ListIdleAsync(_services.Time.GetUtcNow() - ttl, BatchSize).PipeTo(Self);
    }

    private void Nudge(IReadOnlyList<DirectoryEntry> idle)
    {
        var sessions = SessionRegions.Of(Context.System);
        foreach (var row in idle)
        {
            if (TenantId.TryParse(row.Tenant, out var tenant) && SessionId.TryParse(row.SessionId, out var id))
            {
                sessions.Tell(new SessionEnvelope(tenant, id, ExpireIfIdle.Instance), ActorRefs.NoSender);
            }
        }

        ScheduleNext();
        Context.System.EventStream.Publish(new TtlSweepCompleted(idle.Count));
    }

    private void ScheduleNext()
    {
        if (_services.Options.Ttl is null)
        {
            return;
        }

        _timer?.Dispose();
        var self = Self;
        _timer = _services.Time.CreateTimer(_ => self.Tell(Sweep.Instance), null, _services.Options.TtlSweepInterval, Timeout.InfiniteTimeSpan);
    }

    private sealed record Sweep
    {
        public static readonly Sweep Instance = new();
    }
}
