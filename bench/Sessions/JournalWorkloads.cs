using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Keys;
using JidoSessions.Client;

namespace JidoSessions.Bench.Sessions;

/// <summary>
/// Journal throughput through Akka.Persistence as the session system configures it: <c>writers</c> persistent actors,
/// each persisting <c>perWriter</c> events one at a time (the next after the previous is acknowledged), as sessions
/// do. This build only: the baseline has no Akka journal to compare with.
/// </summary>
internal static class JournalWorkloads
{
    public static async Task<double> EventsPerSecondAsync(StorageOptions storage, int writers = 500, int perWriter = 100)
    {
        var options = new SessionSystemOptions { IdleTimeout = TimeSpan.FromHours(1), Ttl = null, Storage = storage };
        await using var system = await SessionSystem.StartAsync(options);
        var run = Guid.NewGuid().ToString("N");
        var done = Enumerable.Range(0, writers).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < writers; i++)
        {
            system.ActorSystem.ActorOf(Props.Create<OneAtATimeWriter>($"bench-{run}-{i}", perWriter, done[i]));
        }

        await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(TimeSpan.FromMinutes(5));
        return writers * (double)perWriter / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private sealed class OneAtATimeWriter : ReceivePersistentActor
    {
        private readonly int _events;
        private readonly TaskCompletionSource _done;

        public OneAtATimeWriter(string persistenceId, int events, TaskCompletionSource done)
        {
            PersistenceId = persistenceId;
            _events = events;
            _done = done;
            Recover<RecoveryCompleted>(_ => Self.Tell(Next.Instance));
            Command<Next>(_ => Persist(new KeyAssigned(SessionId.New()), _ =>
            {
                if (LastSequenceNr < _events)
                {
                    Self.Tell(Next.Instance);
                }
                else
                {
                    _done.TrySetResult();
                    Context.Stop(Self);
                }
            }));
        }

        public override string PersistenceId { get; }

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _done.TrySetException(cause);
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        private sealed record Next
        {
            public static readonly Next Instance = new();
        }
    }
}
