using Akka.Actor;
using JidoSessions.Actors.Keys;
using JidoSessions.Client;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Sessions;

/// <summary>Always a new session. Reply: <see cref="SessionInfo"/>.</summary>
internal sealed record CreateSession(TenantId Tenant, SessionConfig? Config);

/// <summary>The session of (tenant, key), created if needed. Reply: <see cref="GetOrCreateResult"/>.</summary>
internal sealed record GetOrCreateSession(TenantId Tenant, SessionKey Key, SessionConfig? Config);

/// <summary>The session a key names, without creating one. Reply: <see cref="KeyLookup"/>.</summary>
internal sealed record FindSessionByKey(TenantId Tenant, SessionKey Key);

/// <summary>Reply: <see cref="SessionPage"/>.</summary>
internal sealed record ListSessions(TenantId Tenant, ListSessionsQuery Query);

/// <summary>
/// One per node, in the ActorRegistry (<see cref="Hosting.SessionManagerActor"/>): the front door that creates, finds
/// and lists sessions. It holds no state and waits for nothing: creation goes to the new session's entity, get-or-create
/// to the key's entity (the single writer of that key cluster-wide), listing to the directory read side; every reply
/// comes straight from whoever decides. Turns never pass through it: they go to the session region directly.
/// </summary>
internal sealed class SessionManager(SessionServices services) : UntypedActor
{
    // One listing read per tenant at a time on this node (the rest queue behind it): a tenant listing in a loop then
    // holds at most one core's worth of directory reads and other tenants keep the rest. Read and written only on the
    // actor's thread; one small gate per tenant seen.
    private readonly Dictionary<TenantId, SemaphoreSlim> _listingGates = [];

    public static Props Props(SessionServices services) => Akka.Actor.Props.Create<SessionManager>(services);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case CreateSession create:
                var config = create.Config ?? new SessionConfig();
                if (TryValidate(config))
                {
                    SessionRegions.Of(Context.System).Tell(
                        new SessionEnvelope(create.Tenant, SessionId.New(), new OpenSession(null, config, AsGetOrCreate: false)), Sender);
                }

                break;
            case GetOrCreateSession getOrCreate:
                KeyRegions.Of(Context.System).Tell(new KeyEnvelope(getOrCreate.Tenant, getOrCreate.Key, new ClaimKey(getOrCreate.Config)), Sender);
                break;
            case FindSessionByKey find:
                KeyRegions.Of(Context.System).Tell(new KeyEnvelope(find.Tenant, find.Key, FindKey.Instance), Sender);
                break;
            case ListSessions list:
                if (!_listingGates.TryGetValue(list.Tenant, out var gate))
                {
                    _listingGates[list.Tenant] = gate = new SemaphoreSlim(1, 1);
                }

                // Off this actor's thread: Microsoft.Data.Sqlite runs its "async" reads synchronously, so awaiting here
                // would hold every get-or-create and lookup of the node behind a listing (5 ms a page at 10k sessions:
                // a quiet tenant's by-key p50 went 0.02 -> 5.2 ms beside a listing loop; bench --only tenants).
                Task.Run(() => ListAsync(list, gate)).PipeTo(Sender, Self, failure: FailureReply.Of);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private async Task<SessionPage> ListAsync(ListSessions list, SemaphoreSlim gate)
    {
        var query = list.Query;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var page = await services.Directory.ListAsync(list.Tenant.Value, query.Status?.ToString(), query.Offset, query.Limit).ConfigureAwait(false);
            return new SessionPage([.. page.Items.Select(DirectoryRows.ToInfo)], page.Total, query.Offset, query.Limit);
        }
        finally
        {
            gate.Release();
        }
    }

    private bool TryValidate(SessionConfig config)
    {
        try
        {
            config.Validate();
            return true;
        }
        catch (ValidationException exception)
        {
            Sender.Tell(new FailureReply(exception), Self);
            return false;
        }
    }
}
