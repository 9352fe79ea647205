using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JidoSessions.Client;

namespace JidoSessions.Host.Tests.Support;

/// <summary>A tenant's client of <see cref="FakeSessionBackend"/>.</summary>
internal sealed class FakeSessionClient(FakeTenant tenant) : ISessionClient
{
    public TenantId Tenant => tenant.Tenant;

    public Task<SessionInfo> CreateAsync(CreateSessionRequest? request = null, CancellationToken cancellationToken = default)
    {
        var config = request?.Config ?? new SessionConfig();
        config.Validate();
        return Task.FromResult(tenant.GetOrCreate(null, config).Session.Info());
    }

    public Task<GetOrCreateResult> GetOrCreateAsync(SessionKey key, CreateSessionRequest? request = null, CancellationToken cancellationToken = default)
    {
        var config = request?.Config ?? new SessionConfig();
        config.Validate();
        var (session, created) = tenant.GetOrCreate(key, config);
        return Task.FromResult(new GetOrCreateResult(session.Info(), created));
    }

    public async Task<SessionInfo?> FindByKeyAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        var page = await ListAsync(new ListSessionsQuery(Limit: 1000), cancellationToken);
        return page.Items.FirstOrDefault(s => s.Key == key);
    }

    public Task<MessageReply> SendAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        tenant.Find(id).RunTurnAsync(message, _ => ValueTask.CompletedTask, cancellationToken);

    /// <summary>The fake model ignores sampling settings; the real path is tested against the fake OpenAI server.</summary>
    public Task<MessageReply> SendAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default) =>
        SendAsync(id, message, cancellationToken);

    public IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default) =>
        SendStreamingAsync(id, message, cancellationToken);

    public async IAsyncEnumerable<TurnUpdate> SendStreamingAsync(SessionId id, string message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var session = tenant.Find(id);
        var deltas = Channel.CreateUnbounded<string>();
        var turn = session.RunTurnAsync(message, d => deltas.Writer.WriteAsync(d, cancellationToken), cancellationToken);
        _ = turn.ContinueWith(_ => deltas.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken))
        {
            yield return new TurnUpdate(delta, null);
        }

        yield return new TurnUpdate("", await turn);
    }

    public Task<bool> CancelTurnAsync(SessionId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).CancelTurn());

    public Task TerminateAsync(SessionId id, CancellationToken cancellationToken = default)
    {
        tenant.Find(id).Terminate();
        return Task.CompletedTask;
    }

    public Task<SessionPage> ListAsync(ListSessionsQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ListSessionsQuery();
        query.Validate();
        var matching = tenant.All().Select(s => s.Info())
            .Where(s => query.Status is not { } status || s.Status == status)
            .ToList();
        return Task.FromResult(new SessionPage([.. matching.Skip(query.Offset).Take(query.Limit)], matching.Count, query.Offset, query.Limit));
    }

    public Task<SessionInfo> GetInfoAsync(SessionId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).Info());

    public Task<SessionInfo> SetConfigAsync(SessionId id, SessionConfig patch, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).SetConfig(patch));

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(SessionId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).History());

    public Task<MessageReply> SendToolResultsAsync(SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake backend has no model that calls tools; use TestHost.StartRealAsync.");

    public IAsyncEnumerable<TurnUpdate> SendToolResultsStreamingAsync(
        SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake backend has no model that calls tools; use TestHost.StartRealAsync.");

    // Forks and rewinds are tested on the real session system only (tests/Host.Tests/Http/ForkRewindApiTests.cs).
    public Task<IReadOnlyList<HistoryAuditEntry>> GetHistoryAuditAsync(SessionId id, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake backend has no audit view; use TestHost.StartRealAsync.");

    public Task<SessionInfo> ForkAsync(SessionId id, ForkSessionRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake backend cannot fork; use TestHost.StartRealAsync.");

    public Task<SessionInfo> RewindAsync(SessionId id, long toSequence, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake backend cannot rewind; use TestHost.StartRealAsync.");

    public Task<SessionFileInfo> AddFileAsync(SessionId id, SessionFile file, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).AddFile(file));

    public Task<bool> RemoveFileAsync(SessionId id, string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).RemoveFile(path));

    public Task<IReadOnlyList<SessionFileInfo>> ListFilesAsync(SessionId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.Find(id).Files());

    public Task<SessionSubscription> SubscribeAsync(SessionId? id = null, CancellationToken cancellationToken = default)
    {
        var reader = tenant.Subscribe(id, out var unsubscribe);
        return Task.FromResult<SessionSubscription>(new FakeSubscription(reader, unsubscribe));
    }

    private sealed class FakeSubscription(ChannelReader<SessionEvent> reader, Action unsubscribe) : SessionSubscription
    {
        public override IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

        protected override ValueTask DisposeAsyncCore()
        {
            unsubscribe();
            return ValueTask.CompletedTask;
        }
    }
}
