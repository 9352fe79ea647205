using Akka.Actor;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// Forks and rewinds. A fork is planned by the source's context (its history, files and config as of the message, read
/// in one step between turns, so a running turn is wholly in it or not at all), then opened as a new session — through
/// the key's entity when it asks for a key — whose context starts from that seed; the caller hears once the seed is
/// durable. A rewind is a context event; the source keeps every message in its journal.
/// </summary>
internal sealed partial class SessionEntity
{
    private void HandleRewind(RewindSession rewind)
    {
        if (!EnsureServing("rewind it"))
        {
            return;
        }

        if (_turnsInFlight > 0)
        {
            // The running turn's model already read the messages a rewind would hide.
            Sender.Tell(new FailureReply(new TurnInProgressException(_id)), Self);
            return;
        }

        ContextActor().Tell(new RewindContext(rewind.ToSequence, Sender), Self);
    }

    private void FinishRewind(ContextRewound rewound)
    {
        if (_state is null)
        {
            return;
        }

        _state = _state with { MessageCount = rewound.MessageCount, UpdatedAt = rewound.Rewound ? Now : _state.UpdatedAt };
        if (rewound.Rewound)
        {
            _services.Events.Publish(new SessionRewound(_id, _state.Tenant, Now, rewound.ToSequence));
            RefreshListing();
        }

        rewound.ReplyTo.Tell(_state.ToInfo(), Self);
    }

    /// <summary>The source's context planned the fork: open the new session (through the key's entity if it wants a key).</summary>
    private void StartFork(ForkPlanned planned)
    {
        var config = planned.ConfigThen ?? _state!.Config;
        var tenant = _state!.Tenant;
        if (planned.Key is { } key)
        {
            KeyRegions.Of(Context.System).Tell(new KeyEnvelope(tenant, key, new ClaimKey(config, planned.Seed)), planned.ReplyTo);
            return;
        }

        SessionRegions.Of(Context.System).Tell(
            new SessionEnvelope(tenant, SessionId.New(), new OpenSession(null, config, AsGetOrCreate: false, planned.Seed)), planned.ReplyTo);
    }

    /// <summary>This session is a fork and its context now holds the seed: list it, tell, answer.</summary>
    private void FinishFork(ContextSeedStored stored)
    {
        if (_state is null)
        {
            return;
        }

        _state = _state with { MessageCount = stored.MessageCount };
        _services.Events.Publish(new SessionForked(_id, _state.Tenant, Now, stored.Source, stored.AtSequence));
        var info = _state.ToInfo();
        WriteDirectoryAsync().PipeTo(stored.ReplyTo, Self, () => info, FailureReply.Of);
    }
}
