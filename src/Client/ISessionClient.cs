namespace JidoSessions.Client;

/// <summary>
/// Talks to JidoSessions on behalf of one tenant: in-process (JidoSessions.Actors) or over HTTP
/// (the HTTP client in JidoSessions.Client.Http), with the same behaviour. Every failure is a typed
/// <see cref="SessionException"/>; a rejected request changes nothing.
/// </summary>
public interface ISessionClient
{
    /// <summary>The tenant whose sessions this client sees.</summary>
    TenantId Tenant { get; }

    /// <summary>Creates a new session (always a new one).</summary>
    Task<SessionInfo> CreateAsync(CreateSessionRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the session for <paramref name="key"/>, creating it if needed. Concurrent callers with one
    /// key get one session; exactly one of them sees <see cref="GetOrCreateResult.Created"/> true.
    /// </summary>
    Task<GetOrCreateResult> GetOrCreateAsync(SessionKey key, CreateSessionRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The live session <paramref name="key"/> names, or null; never creates one. Resolved by the key's owner
    /// directly, so its cost does not grow with the number of sessions.
    /// </summary>
    Task<SessionInfo?> FindByKeyAsync(SessionKey key, CancellationToken cancellationToken = default);

    /// <summary>Runs one turn: the reply comes after user and assistant messages were appended to history.</summary>
    Task<MessageReply> SendAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        SendAsync(id, message, TurnOptions.None, cancellationToken);

    /// <summary>Runs one turn with sampling settings for this turn only (validated: <see cref="TurnOptions.Validate"/>).</summary>
    Task<MessageReply> SendAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default);

    /// <summary>Runs one turn, yielding text deltas as the model produces them and finally the completed reply.</summary>
    IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        SendStreamingAsync(id, message, TurnOptions.None, cancellationToken);

    /// <summary>Runs one streamed turn with sampling settings for this turn only.</summary>
    IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one turn whose input is the caller's results of the tool calls the model made in the previous reply
    /// (<see cref="MessageReply.ToolCalls"/>): the results are appended as one Tool message, then the model's answer.
    /// Pass the same <see cref="TurnOptions.Tools"/> again if the model may call more.
    /// </summary>
    Task<MessageReply> SendToolResultsAsync(SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The streamed form of <see cref="SendToolResultsAsync"/>.</summary>
    IAsyncEnumerable<TurnUpdate> SendToolResultsStreamingAsync(SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels the turn in progress, if any; true if one was cancelled.</summary>
    Task<bool> CancelTurnAsync(SessionId id, CancellationToken cancellationToken = default);

    /// <summary>Ends the session; its key, config, history and cache go. Other sessions are untouched.</summary>
    Task TerminateAsync(SessionId id, CancellationToken cancellationToken = default);

    /// <summary>Lists this tenant's sessions, newest first.</summary>
    Task<SessionPage> ListAsync(ListSessionsQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>One session's info.</summary>
    Task<SessionInfo> GetInfoAsync(SessionId id, CancellationToken cancellationToken = default);

    /// <summary>Applies the non-null members of <paramref name="patch"/> to the session's config.</summary>
    Task<SessionInfo> SetConfigAsync(SessionId id, SessionConfig patch, CancellationToken cancellationToken = default);

    /// <summary>The session's history, oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(SessionId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The audit view of the session's history: every stored message (those a rewind hid marked
    /// <see cref="HistoryAuditEntry.Rewound"/>), each rewind, and the fork the session came from, oldest first.
    /// </summary>
    Task<IReadOnlyList<HistoryAuditEntry>> GetHistoryAuditAsync(SessionId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new session of this tenant (new id, optional key) whose history, files and config are the source's as
    /// of message <see cref="ForkSessionRequest.AtSequence"/>; the source is untouched. A turn running on the source is
    /// either wholly in the fork or not at all. Refused with <see cref="ValidationException"/> for a sequence the
    /// source's history does not hold or a key that names a live session, and as for any request to an ended, failed
    /// or foreign session. Publishes <see cref="SessionForked"/>.
    /// </summary>
    Task<SessionInfo> ForkAsync(SessionId id, ForkSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hides the messages after <paramref name="toSequence"/> from the session's history and from the model's context
    /// (journaled: nothing is erased, <see cref="GetHistoryAuditAsync"/> still shows them). The next message continues
    /// the sequence after the hidden ones. Refused with <see cref="ValidationException"/> for a sequence the history does
    /// not hold, <see cref="TurnInProgressException"/> while a turn runs. Publishes <see cref="SessionRewound"/>.
    /// </summary>
    Task<SessionInfo> RewindAsync(SessionId id, long toSequence, CancellationToken cancellationToken = default);

    /// <summary>Adds (or replaces) an active file.</summary>
    Task<SessionFileInfo> AddFileAsync(SessionId id, SessionFile file, CancellationToken cancellationToken = default);

    /// <summary>Removes an active file; false if it was not there.</summary>
    Task<bool> RemoveFileAsync(SessionId id, string path, CancellationToken cancellationToken = default);

    /// <summary>The active files.</summary>
    Task<IReadOnlyList<SessionFileInfo>> ListFilesAsync(SessionId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to events: of one session when <paramref name="id"/> is given (an unknown id fails with
    /// <see cref="SessionNotFoundException"/>), else of all this tenant's sessions. The task completes once
    /// the subscription is live, so every event after that is delivered; enumerate the result to read
    /// them, dispose it (or cancel the token) to stop.
    /// </summary>
    Task<SessionSubscription> SubscribeAsync(SessionId? id = null, CancellationToken cancellationToken = default);
}
