using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Keys;

/// <summary>
/// One (tenant, key): the only writer of which session the key names, cluster-wide (sharding keeps one
/// incarnation). The first claim assigns a new id (journaled before anything else happens), then opens the session;
/// later claims join it. A claim that reaches an ending session bounces back here as <see cref="KeyStale"/> and gets
/// a new session, so a get-or-create racing a delete never fails: it lands on the old session or on a new one.
/// Claims are forwarded with the caller as sender, so nothing waits here.
/// </summary>
internal sealed class KeyEntity : UntypedPersistentActor
{
    private SessionId? _current;

    public KeyEntity(string entityId) => PersistenceId = "key-" + entityId;

    public override string PersistenceId { get; }

    // A key entity never saves snapshots (Clear keeps its journal to the latest assignment instead), so recovery asks
    // the snapshot store for none: Akka answers that without reading the store.
    public override Recovery Recovery { get; } = new(SnapshotSelectionCriteria.None);

    public static Props Props(string entityId) => Akka.Actor.Props.Create<KeyEntity>(entityId).WithMailbox(Support.CompactMailbox.ConfigPath);

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case KeyAssigned assigned:
                _current = assigned.Id;
                break;
            case KeyCleared cleared when _current == cleared.Id:
                _current = null;
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case KeyEnvelope { Payload: ClaimKey claim } envelope:
                Claim(envelope, claim, Sender);
                break;
            case KeyEnvelope { Payload: KeyStale stale } envelope:
                if (_current == stale.Id)
                {
                    var caller = Sender;
                    Clear(stale.Id, () => Claim(envelope, stale.Claim, caller));
                }
                else
                {
                    Claim(envelope, stale.Claim, Sender);
                }

                break;
            case KeyEnvelope { Payload: ReleaseKey release }:
                var replyTo = Sender;
                if (_current == release.Id)
                {
                    Clear(release.Id, () => replyTo.Tell(new KeyReleaseAck(release.Id)));
                }
                else
                {
                    replyTo.Tell(new KeyReleaseAck(release.Id));
                }

                break;
            case KeyEnvelope { Payload: FindKey }:
                Sender.Tell(new KeyLookup(_current));
                break;
        }
    }

    private void Claim(KeyEnvelope envelope, ClaimKey claim, IActorRef caller)
    {
        var sessions = SessionRegions.Of(Context.System);
        if (_current is { } id)
        {
            sessions.Tell(new SessionEnvelope(envelope.Tenant, id, new JoinSession(envelope.Key, claim.Config, claim.Seed)), caller);
            return;
        }

        var config = claim.Config ?? new SessionConfig();
        try
        {
            config.Validate();
        }
        catch (ValidationException exception)
        {
            caller.Tell(new FailureReply(exception));
            return;
        }

        var fresh = SessionId.New();
        _current = fresh;
        // Later claims (already queued behind this one) see _current at once and join; Persist holds them until
        // this write is durable, so none is answered before the assignment would survive a crash.
        Persist(new KeyAssigned(fresh), _ =>
            sessions.Tell(new SessionEnvelope(envelope.Tenant, fresh, new OpenSession(envelope.Key, config, AsGetOrCreate: claim.Seed is null, claim.Seed)), caller));
    }

    private void Clear(SessionId id, Action then)
    {
        _current = null;
        Persist(new KeyCleared(id), _ =>
        {
            // Only the latest assignment matters: keep the journal from growing with every session the key had.
            DeleteMessages(LastSequenceNr - 1);
            then();
        });
    }
}
