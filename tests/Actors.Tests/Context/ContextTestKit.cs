using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Context;

/// <summary>An Akka.TestKit whose system is a single-node cluster member with Akka's in-memory journal and snapshot store.</summary>
public abstract class ContextTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected ContextTestKit()
        : base(SessionSystemBootstrap.Config.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = ERROR")))
    {
        Events = new SessionEventPublisher(Sys);
    }

    internal static TenantId Tenant { get; } = TenantId.Parse("acme");

    internal SessionEventPublisher Events { get; }

    internal static TimeSpan AskTimeout { get; } = TimeSpan.FromSeconds(5);

    internal IActorRef StartContext(SessionId sessionId, int snapshotEvery = ContextManager.DefaultSnapshotEvery, ContextCache? cache = null, IContextReducer? reducer = null) =>
        Sys.ActorOf(Props.Create(() => new ContextManager(sessionId, Tenant, Events, TimeProvider.System, null, null, snapshotEvery, cache, reducer)));

    internal static Task<IReadOnlyList<HistoryEntry>> HistoryAsync(IActorRef context) =>
        context.AskFor<IReadOnlyList<HistoryEntry>>(GetHistory.Instance, AskTimeout);

    internal static Task<TurnAppended> AppendAsync(IActorRef context, string user, string assistant, int maxHistory = 100) =>
        context.AskFor<TurnAppended>(new AppendTurn(user, assistant, maxHistory), AskTimeout);

    /// <summary>The highest sequence number the journal holds for <paramref name="persistenceId"/>.</summary>
    internal async Task<long> HighestSequenceNrAsync(string persistenceId)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null).Tell(new ReplayMessages(1, 0, 0, persistenceId, probe.Ref));
        return (await probe.FishForMessageAsync<RecoverySuccess>(_ => true)).HighestSequenceNr;
    }

    /// <summary>Stops <paramref name="actor"/> and waits until it has.</summary>
    internal async Task StopAsync(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
    }
}
