using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Remoting;

/// <summary>
/// Every message of the session system that can cross nodes, with its explicit wire manifest: the envelopes the
/// regions route and their payloads, the replies, the failures and the events DistributedPubSub carries. A type
/// bound here by an interface (the list replies) matches any implementation and is read back as an array.
/// </summary>
internal static class WireManifests
{
    /// <summary>(manifest, bound type, type read back) in matching order.</summary>
    public static readonly IReadOnlyList<(string Manifest, Type Bound, Type ReadAs)> All =
    [
        Entry<SessionEnvelope>("session.envelope.v1"),
        Entry<KeyEnvelope>("key.envelope.v1"),

        Entry<OpenSession>("session.open.v1"),
        Entry<JoinSession>("session.join.v1"),
        Entry<SendMessage>("session.send.v1"),
        Entry<TurnDelta>("session.turn-delta.v1"),
        Entry<CancelTurn>("session.cancel-turn.v1"),
        Entry<GetSessionInfo>("session.get-info.v1"),
        Entry<SetSessionConfig>("session.set-config.v1"),
        Entry<TerminateSession>("session.terminate.v1"),
        Entry<GetHistory>("session.get-history.v1"),
        Entry<AddFile>("session.add-file.v1"),
        Entry<RemoveFile>("session.remove-file.v1"),
        Entry<ListFiles>("session.list-files.v1"),
        Entry<ExpireIfIdle>("session.expire-if-idle.v1"),
        Entry<GetHistoryAudit>("session.get-history-audit.v1"),
        Entry<ForkSession>("session.fork.v1"),
        Entry<RewindSession>("session.rewind.v1"),

        Entry<ClaimKey>("key.claim.v1"),
        Entry<KeyStale>("key.stale.v1"),
        Entry<ReleaseKey>("key.release.v1"),
        Entry<KeyReleaseAck>("key.release-ack.v1"),
        Entry<FindKey>("key.find.v1"),
        Entry<KeyLookup>("key.lookup.v1"),

        Entry<SessionInfo>("reply.session-info.v1"),
        Entry<GetOrCreateResult>("reply.get-or-create.v1"),
        Entry<MessageReply>("reply.message.v1"),
        Entry<SessionFileInfo>("reply.file-info.v1"),
        (Manifest: "reply.history.v1", Bound: typeof(IReadOnlyList<HistoryEntry>), ReadAs: typeof(HistoryEntry[])),
        (Manifest: "reply.history-audit.v1", Bound: typeof(IReadOnlyList<HistoryAuditEntry>), ReadAs: typeof(HistoryAuditEntry[])),
        (Manifest: "reply.files.v1", Bound: typeof(IReadOnlyList<SessionFileInfo>), ReadAs: typeof(SessionFileInfo[])),
        Entry<FailureReply>("reply.failure.v1"),

        Entry<SessionCreated>("event.session-created.v1"),
        Entry<SessionStatusChanged>("event.session-status.v1"),
        Entry<SessionTerminated>("event.session-terminated.v1"),
        Entry<MessageAppended>("event.message-appended.v1"),
        Entry<SessionForked>("event.session-forked.v1"),
        Entry<SessionRewound>("event.session-rewound.v1"),
    ];

    private static (string Manifest, Type Bound, Type ReadAs) Entry<T>(string manifest) => (manifest, typeof(T), typeof(T));
}
