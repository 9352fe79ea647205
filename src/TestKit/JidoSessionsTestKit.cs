using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.TestKit;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.TestKit;

/// <summary>
/// JidoSessions inside an Akka.TestKit suite. Give the test class's ActorSystem <see cref="Config"/>
/// (<c>: TestKit(JidoSessionsTestKit.Config)</c>), then <see cref="StartJidoSessionsAsync"/> starts the session system
/// in it on in-memory persistence; probes see its events and <see cref="AwaitStatusAsync"/> waits for a status without
/// polling.
/// </summary>
public static class JidoSessionsTestKit
{
    /// <summary>The test ActorSystem's configuration: a single-node cluster on a random loopback port, in-memory journal and snapshots.</summary>
    public static Config Config => SessionSystemBootstrap.Config;

    /// <summary>
    /// Starts the session system in the test's ActorSystem and returns once it answers. Storage is in memory whatever
    /// <paramref name="configure"/> sets, so every test starts empty.
    /// </summary>
    /// <param name="testKit">The test class.</param>
    /// <param name="chatClient">The model; a <see cref="ScriptedChatClient"/> usually, the embedded local model if null.</param>
    /// <param name="configure">Changes to the default options (timeouts, limits, defaults of new sessions).</param>
    /// <param name="timeProvider">The clock of idle and TTL timers (a FakeTimeProvider drives them); the system clock if null.</param>
    public static Task<SessionSystem> StartJidoSessionsAsync(
        this TestKitBase testKit,
        IChatClient? chatClient = null,
        Func<SessionSystemOptions, SessionSystemOptions>? configure = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(testKit);
        var options = new SessionSystemOptions { SystemName = testKit.Sys.Name, Shards = 8 };
        options = (configure?.Invoke(options) ?? options) with { Storage = new StorageOptions { Provider = StorageProvider.Memory } };
        return SessionSystemBootstrap.StartAsync(testKit.Sys, options, chatClient, timeProvider);
    }

    /// <summary>
    /// A probe that receives every <see cref="SessionEvent"/> of <paramref name="tenant"/> (or of one session) from the
    /// moment this returns: it is subscribed to the DistributedPubSub topic and the subscription is acknowledged.
    /// </summary>
    public static async Task<TestProbe> CreateSessionEventProbeAsync(
        this TestKitBase testKit, SessionSystem sessions, TenantId tenant, SessionId? session = null)
    {
        ArgumentNullException.ThrowIfNull(testKit);
        ArgumentNullException.ThrowIfNull(sessions);
        var probe = testKit.CreateTestProbe();
        var topic = session is { } id ? SessionEventPublisher.SessionTopic(id) : SessionEventPublisher.TenantTopic(tenant);

        // The acknowledgement goes to the ask, not to the probe: the probe receives nothing but events, even those
        // published while the subscription was being acknowledged.
        await DistributedPubSub.Get(testKit.Sys).Mediator
            .Ask<SubscribeAck>(new Subscribe(topic, probe.Ref), testKit.RemainingOrDefault)
            .ConfigureAwait(false);
        return probe;
    }

    /// <summary>
    /// Waits until the session is in <paramref name="status"/> and returns its info; for <see cref="SessionStatus.Terminated"/>,
    /// returns null once it has ended (a session that is gone has ended: ids are never reused). Listens to the session's
    /// events rather than polling.
    /// </summary>
    /// <exception cref="TimeoutException">It did not reach the status in time; the message names the status it has.</exception>
    public static async Task<SessionInfo?> AwaitStatusAsync(
        this TestKitBase testKit, SessionSystem sessions, TenantId tenant, SessionId session, SessionStatus status, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(testKit);
        ArgumentNullException.ThrowIfNull(sessions);
        var wait = timeout ?? testKit.RemainingOrDefault;
        var probe = await testKit.CreateSessionEventProbeAsync(sessions, tenant, session).ConfigureAwait(false);
        try
        {
            var client = sessions.ForTenant(tenant);
            SessionInfo? last = null;
            try
            {
                last = await client.GetInfoAsync(session).ConfigureAwait(false);
            }
            catch (SessionNotFoundException) when (status == SessionStatus.Terminated)
            {
                return null;
            }

            if (last.Status == status)
            {
                return last;
            }

            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var left = wait - Stopwatch.GetElapsedTime(started);
                object? message = left > TimeSpan.Zero ? await probe.ReceiveOneAsync(left).ConfigureAwait(false) : null;
                switch (message)
                {
                    case null:
                        throw new TimeoutException($"Session {session} did not reach {status} within {wait.TotalSeconds:0.###} s; it is {last.Status}.");
                    case SessionStatusChanged changed:
                        last = last with { Status = changed.To };
                        if (changed.To == status)
                        {
                            return status == SessionStatus.Terminated ? null : await client.GetInfoAsync(session).ConfigureAwait(false);
                        }

                        break;
                    case SessionTerminated when status == SessionStatus.Terminated:
                        return null;
                    default:
                        break;
                }
            }
        }
        finally
        {
            // The mediator drops a subscriber that stops.
            testKit.Sys.Stop(probe.Ref);
        }
    }
}
