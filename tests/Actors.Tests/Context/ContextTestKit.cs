using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Persistence.Memory;
using JidoSessions.Persistence.Serialization;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Tests.Context;

/// <summary>A TestKit whose system has in-memory persistence with the context events registered, and a session event publisher.</summary>
public abstract class ContextTestKit : TestKit.TestKit
{
    protected ContextTestKit()
    {
        Journal = new MemoryJournal();
        Snapshots = new HoldableSnapshotStore();
        Serializer = new EventSerializerBuilder().AddContextEvents().Build();
        PersistenceExtension.Register(Sys, new PersistenceExtension(Journal, Snapshots, Serializer));
        Events = new SessionEventPublisher(Sys);
    }

    internal static TenantId Tenant { get; } = TenantId.Parse("acme");

    internal MemoryJournal Journal { get; }

    internal HoldableSnapshotStore Snapshots { get; }

    internal EventSerializer Serializer { get; }

    internal SessionEventPublisher Events { get; }

    internal static TimeSpan AskTimeout { get; } = TimeSpan.FromSeconds(5);

    internal IActorRef StartContext(SessionId sessionId, int snapshotEvery = ContextManager.DefaultSnapshotEvery, ContextCache? cache = null, IContextReducer? reducer = null) =>
        Sys.ActorOf(Props.Create(() => new ContextManager(sessionId, Tenant, Events, snapshotEvery, cache, reducer)));

    internal static Task<IReadOnlyList<HistoryEntry>> HistoryAsync(IActorRef context) =>
        context.Ask<IReadOnlyList<HistoryEntry>>(GetHistory.Instance, AskTimeout);

    internal static Task<TurnAppended> AppendAsync(IActorRef context, string user, string assistant, int maxHistory = 100) =>
        context.Ask<TurnAppended>(new AppendTurn(user, assistant, maxHistory), AskTimeout);

    /// <summary>Stops <paramref name="actor"/> and waits until it has.</summary>
    internal async Task StopAsync(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
    }
}
