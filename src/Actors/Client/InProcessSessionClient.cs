using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using Akka.Actor;
using JidoSessions.Client;

namespace JidoSessions.Actors.Client;

/// <summary>
/// <see cref="ISessionClient"/> over the actors of a <see cref="SessionSystem"/>, for one tenant. Creation, get-or-create
/// and listing ask the node's SessionManager; everything about one session asks the "session" region directly. Typed failures come back as the same exceptions the HTTP
/// client raises, and a request that gets no answer in time fails with <see cref="SessionUnavailableException"/>.
/// </summary>
internal sealed class InProcessSessionClient(SessionSystem system, TenantId tenant) : ISessionClient
{
    public TenantId Tenant { get; } = tenant;

    private SessionSystemOptions Options => system.Options;

    public Task<SessionInfo> CreateAsync(CreateSessionRequest? request = null, CancellationToken cancellationToken = default) =>
        AskAsync<SessionInfo>(new CreateSession(Tenant, request?.Config), Options.RequestTimeout, cancellationToken);

    public Task<GetOrCreateResult> GetOrCreateAsync(SessionKey key, CreateSessionRequest? request = null, CancellationToken cancellationToken = default)
    {
        RequireKey(key);
        return AskAsync<GetOrCreateResult>(new GetOrCreateSession(Tenant, key, request?.Config), Options.RequestTimeout, cancellationToken);
    }

    public async Task<SessionInfo?> FindByKeyAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        RequireKey(key);
        var lookup = await AskAsync<Keys.KeyLookup>(new FindSessionByKey(Tenant, key), Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (lookup.Id is not { } id)
        {
            return null;
        }

        try
        {
            var info = await GetInfoAsync(id, cancellationToken).ConfigureAwait(false);
            return info.Status is SessionStatus.Terminating or SessionStatus.Terminated ? null : info;
        }
        catch (SessionNotFoundException)
        {
            return null;
        }
    }

    public Task<MessageReply> SendAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        SendAsync(id, message, TurnOptions.None, cancellationToken);

    public Task<MessageReply> SendAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default) =>
        AskSessionAsync<MessageReply>(
            id, new SendMessage(message ?? throw ValidationException.For("message", "is required"), null, Checked(options)), Options.TurnTimeout, cancellationToken);

    public IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        SendStreamingAsync(id, message, TurnOptions.None, cancellationToken);

    public IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return StreamAsync(id, new SendMessage(message, null, Checked(options)), cancellationToken);
    }

    private async IAsyncEnumerable<TurnUpdate> StreamAsync(SessionId id, SendMessage send, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<TurnUpdate>(new UnboundedChannelOptions { SingleReader = true });
        var receiver = system.ActorSystem.ActorOf(Props.Create<TurnStreamReceiver>(updates.Writer));
        try
        {
            system.Sessions.Tell(new SessionEnvelope(Tenant, id, send with { StreamTo = receiver }), receiver);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.TurnTimeout);
            await foreach (var update in updates.Reader.ReadAllAsync(timeout.Token).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            system.ActorSystem.Stop(receiver);
        }
    }

    public Task<MessageReply> SendToolResultsAsync(SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default) =>
        AskSessionAsync<MessageReply>(id, new SendMessage("", null, Checked(options ?? TurnOptions.None), CheckedResults(results)), Options.TurnTimeout, cancellationToken);

    public IAsyncEnumerable<TurnUpdate> SendToolResultsStreamingAsync(
        SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamAsync(id, new SendMessage("", null, Checked(options ?? TurnOptions.None), CheckedResults(results)), cancellationToken);

    private static IReadOnlyList<ToolResult> CheckedResults(IReadOnlyList<ToolResult> results) =>
        ToolRules.Problem(results) is { } problem ? throw ValidationException.For("toolResults", problem) : [.. results];

    /// <summary>Validated options, or null when none is set (nothing extra crosses to the session).</summary>
    private static TurnOptions? Checked(TurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.IsEmpty ? null : options;
    }

    public Task<bool> CancelTurnAsync(SessionId id, CancellationToken cancellationToken = default) =>
        AskSessionAsync<bool>(id, CancelTurn.Instance, Options.RequestTimeout, cancellationToken);

    public Task TerminateAsync(SessionId id, CancellationToken cancellationToken = default) =>
        AskSessionAsync<Status.Success>(id, new TerminateSession(TerminationReason.Requested), Options.RequestTimeout, cancellationToken);

    public Task<SessionPage> ListAsync(ListSessionsQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ListSessionsQuery();
        query.Validate();
        return AskAsync<SessionPage>(new ListSessions(Tenant, query), Options.RequestTimeout, cancellationToken);
    }

    public Task<SessionInfo> GetInfoAsync(SessionId id, CancellationToken cancellationToken = default) =>
        AskSessionAsync<SessionInfo>(id, GetSessionInfo.Instance, Options.RequestTimeout, cancellationToken);

    public Task<SessionInfo> SetConfigAsync(SessionId id, SessionConfig patch, CancellationToken cancellationToken = default) =>
        AskSessionAsync<SessionInfo>(id, new SetSessionConfig(patch ?? throw ValidationException.For("config", "is required")), Options.RequestTimeout, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(SessionId id, CancellationToken cancellationToken = default) =>
        AskSessionAsync<IReadOnlyList<HistoryEntry>>(id, GetHistory.Instance, Options.RequestTimeout, cancellationToken);

    public Task<IReadOnlyList<HistoryAuditEntry>> GetHistoryAuditAsync(SessionId id, CancellationToken cancellationToken = default) =>
        AskSessionAsync<IReadOnlyList<HistoryAuditEntry>>(id, GetHistoryAudit.Instance, Options.RequestTimeout, cancellationToken);

    public Task<SessionInfo> ForkAsync(SessionId id, ForkSessionRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw ValidationException.For("fork", "is required");
        }

        if (request.Key is { Value: null })
        {
            throw ValidationException.For("key", "must be a valid key or absent");
        }

        return AskSessionAsync<SessionInfo>(id, new ForkSession(request.AtSequence, request.Key), Options.RequestTimeout, cancellationToken);
    }

    public Task<SessionInfo> RewindAsync(SessionId id, long toSequence, CancellationToken cancellationToken = default) =>
        AskSessionAsync<SessionInfo>(id, new RewindSession(toSequence), Options.RequestTimeout, cancellationToken);

    public Task<SessionFileInfo> AddFileAsync(SessionId id, SessionFile file, CancellationToken cancellationToken = default) =>
        AskSessionAsync<SessionFileInfo>(id, new AddFile(file ?? throw ValidationException.For("file", "is required")), Options.RequestTimeout, cancellationToken);

    public Task<bool> RemoveFileAsync(SessionId id, string path, CancellationToken cancellationToken = default) =>
        AskSessionAsync<bool>(id, new RemoveFile(path ?? throw ValidationException.For("path", "is required")), Options.RequestTimeout, cancellationToken);

    public Task<IReadOnlyList<SessionFileInfo>> ListFilesAsync(SessionId id, CancellationToken cancellationToken = default) =>
        AskSessionAsync<IReadOnlyList<SessionFileInfo>>(id, ListFiles.Instance, Options.RequestTimeout, cancellationToken);

    public async Task<SessionSubscription> SubscribeAsync(SessionId? id = null, CancellationToken cancellationToken = default)
    {
        if (id is { } sessionId)
        {
            // Unknown or foreign ids fail here, as over HTTP.
            await GetInfoAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }

        return await EventSubscription.StartAsync(system.ActorSystem, system.Events, Tenant, id, Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }

    private Task<T> AskSessionAsync<T>(SessionId id, object payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (id == default)
        {
            throw ValidationException.For("sessionId", "is required");
        }

        return AskAsync<T>(system.Sessions, new SessionEnvelope(Tenant, id, payload), timeout, cancellationToken);
    }

    private Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        AskAsync<T>(system.Manager, message, timeout, cancellationToken);

    private static async Task<T> AskAsync<T>(IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await target.AskFor<T>(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException exception)
        {
            throw new SessionUnavailableException($"No answer to {Describe(message)} within {timeout}.", exception);
        }
    }

    private static string Describe(object message) => message is SessionEnvelope envelope
        ? $"{envelope.Payload.GetType().Name} for session {envelope.SessionId}"
        : message.GetType().Name;

    private static void RequireKey(SessionKey key)
    {
        if (key.Value is null)
        {
            throw ValidationException.For("key", "is required");
        }
    }
}
