using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sharding;

/// <summary>
/// <c>/user/sessions</c>: owns the directory (every session's summary and the per-tenant key index) and
/// routes requests by session id to one of N shards. Being one actor, it decides key ownership
/// without races: the first GetOrCreate for a key assigns the id, later ones adopt it. Directory changes
/// are persisted with PersistAsync (batched, commands keep flowing); anything that depends on a new
/// registration waits for its commit, so no caller ever sees an id that a crash could lose.
/// </summary>
internal sealed class SessionManager(SessionRuntime runtime) : PersistentActor
{
    private readonly SessionDirectory _directory = new();
    private readonly Dictionary<SessionId, List<(object Message, IActorRef Sender)>> _awaitingCommit = [];
    private IActorRef[] _shards = [];
    private int _eventsSinceSnapshot;

    public override string PersistenceId => "session-manager";

    protected override void OnRecover(object message)
    {
        _directory.Apply(message is SnapshotOffer offer ? offer.Snapshot : message);
    }

    protected override void OnRecoveryCompleted()
    {
        _shards = new IActorRef[runtime.Options.Shards];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = Context.ActorOf(Props.Create(() => new SessionShard(runtime)), $"shard-{i:D2}");
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case CreateSession create:
                HandleCreate(create);
                break;
            case GetOrCreateSession getOrCreate:
                HandleGetOrCreate(getOrCreate);
                break;
            case ListSessions list:
                Sender.Tell(_directory.List(list.Tenant, list.Query), Self);
                break;
            case SessionEnvelope envelope:
                Route(envelope);
                break;
            case ReportSummary report:
                Record(new SessionSummaryRecorded(report.Session), _ => { });
                break;
            case SessionCrashed crashed:
                HandleCrashed(crashed);
                break;
            case SessionEnded ended:
                HandleEnded(ended);
                break;
            case SaveSnapshotSuccess or SaveSnapshotFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void HandleCreate(CreateSession create)
    {
        if (!TryValidate(create.Config))
        {
            return;
        }

        Register(create.Tenant, null, create.Config ?? new SessionConfig(), Sender, created: null);
    }

    private void HandleGetOrCreate(GetOrCreateSession request)
    {
        if (_directory.TryGetByKey(request.Tenant, request.Key, out var existing))
        {
            Route(new SessionEnvelope(request.Tenant, existing, new ReplyInfoAs(Created: false)));
            return;
        }

        if (!TryValidate(request.Config))
        {
            return;
        }

        Register(request.Tenant, request.Key, request.Config ?? new SessionConfig(), Sender, created: true);
    }

    /// <summary>Assigns a new id now (so concurrent callers adopt it) and starts the session once the registration committed.</summary>
    private void Register(TenantId tenant, SessionKey? key, SessionConfig config, IActorRef replyTo, bool? created)
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        var info = new SessionInfo(SessionId.New(), tenant, key, SessionStatus.Initializing, config, now, now, now, 0);
        object payload = created is { } c ? new ReplyInfoAs(c) : GetSessionInfo.Instance;
        _awaitingCommit[info.Id] = [(new SessionEnvelope(tenant, info.Id, payload), replyTo)];
        Record(new SessionRegistered(info), _ =>
        {
            if (_awaitingCommit.Remove(info.Id, out var waiting))
            {
                foreach (var (waitingMessage, sender) in waiting)
                {
                    Self.Tell(waitingMessage, sender);
                }
            }
        });
    }

    private void Route(SessionEnvelope envelope)
    {
        if (_awaitingCommit.TryGetValue(envelope.SessionId, out var waiting))
        {
            waiting.Add((envelope, Sender));
            return;
        }

        if (!_directory.TryGet(envelope.SessionId, out var info) || info.Tenant != envelope.Tenant)
        {
            Sender.Tell(new Status.Failure(new SessionNotFoundException(envelope.SessionId.ToString())), Self);
            return;
        }

        if (info.Status == SessionStatus.Failed && envelope.Payload is not (TerminateSession or GetSessionInfo or ReplyInfoAs))
        {
            Sender.Tell(new Status.Failure(new SessionFailedException(info.Id, "it stopped after repeated failures; end it and create a new one")), Self);
            return;
        }

        if (info.Status == SessionStatus.Failed && envelope.Payload is GetSessionInfo)
        {
            Sender.Tell(info, Self);
            return;
        }

        ShardFor(info.Id).Forward(new ShardEnvelope(info, envelope.Payload));
    }

    private void HandleCrashed(SessionCrashed crashed)
    {
        if (!_directory.TryGet(crashed.Id, out var info) || info.Status is SessionStatus.Failed)
        {
            return;
        }

        var failed = info with { Status = SessionStatus.Failed, UpdatedAt = Context.System.TimeProvider.GetUtcNow() };
        Record(new SessionSummaryRecorded(failed), _ => { });
        runtime.Events.Publish(new SessionStatusChanged(info.Id, info.Tenant, failed.UpdatedAt, info.Status, SessionStatus.Failed, crashed.Reason));
    }

    private void HandleEnded(SessionEnded ended)
    {
        Record(new SessionUnregistered(ended.Id), _ => ended.ReplyTo?.Tell(ended.Reply, Self));
    }

    /// <summary>Applies at once (later commands see it) and persists in order; <paramref name="afterCommit"/> runs after the write.</summary>
    private void Record<TEvent>(TEvent @event, Action<TEvent> afterCommit)
        where TEvent : notnull
    {
        _directory.Apply(@event);
        PersistAsync(@event, e =>
        {
            afterCommit(e);
            if (++_eventsSinceSnapshot >= runtime.Options.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_directory.ToSnapshot());
            }
        });
    }

    private bool TryValidate(SessionConfig? config)
    {
        try
        {
            config?.Validate();
            return true;
        }
        catch (ValidationException exception)
        {
            Sender.Tell(new Status.Failure(exception), Self);
            return false;
        }
    }

    private IActorRef ShardFor(SessionId id) => _shards[(int)((uint)id.Value.GetHashCode() % (uint)_shards.Length)];
}
