using System.Security.Cryptography;
using System.Text;
using JidoSessions.Client;

namespace JidoSessions.Host.Tests.Support;

/// <summary>One session of <see cref="FakeSessionBackend"/>: state under a lock, turns one at a time.</summary>
internal sealed class FakeSession(FakeTenant tenant, SessionId id, SessionKey? key, SessionConfig config, long order)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly List<HistoryEntry> _history = [];
    private readonly Dictionary<string, SessionFileInfo> _files = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _created = tenant.Time.GetUtcNow();
    private SessionConfig _config = config;
    private SessionStatus _status = SessionStatus.Active;
    private DateTimeOffset _updated = tenant.Time.GetUtcNow();
    private CancellationTokenSource? _currentTurn;
    private long _sequence;

    public SessionId Id { get; } = id;

    public SessionKey? Key { get; } = key;

    /// <summary>Creation order within the tenant (ids made in one millisecond do not sort by creation).</summary>
    public long Order { get; } = order;

    public SessionInfo Info()
    {
        lock (_lock)
        {
            return new SessionInfo(Id, tenant.Tenant, Key, _status, _config, _created, _updated, _updated, _history.Count);
        }
    }

    public SessionInfo SetConfig(SessionConfig patch)
    {
        lock (_lock)
        {
            var merged = _config.Merge(patch);
            merged.Validate();
            _config = merged;
            _updated = tenant.Time.GetUtcNow();
        }

        return Info();
    }

    public IReadOnlyList<HistoryEntry> History()
    {
        lock (_lock)
        {
            return [.. _history];
        }
    }

    public SessionFileInfo AddFile(SessionFile file)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Content)));
        var info = new SessionFileInfo(file.Path, file.Content.Length, sha, tenant.Time.GetUtcNow(), file.Metadata ?? new Dictionary<string, string>());
        lock (_lock)
        {
            _files[file.Path] = info;
        }

        return info;
    }

    public bool RemoveFile(string path)
    {
        lock (_lock)
        {
            return _files.Remove(path);
        }
    }

    public IReadOnlyList<SessionFileInfo> Files()
    {
        lock (_lock)
        {
            return [.. _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)];
        }
    }

    public void Terminate()
    {
        lock (_lock)
        {
            if (_status is SessionStatus.Terminating or SessionStatus.Terminated)
            {
                throw new SessionNotFoundException(Id.ToString());
            }

            _status = SessionStatus.Terminated;
            _currentTurn?.Cancel();
        }

        tenant.Remove(this);
        tenant.Publish(new SessionStatusChanged(Id, tenant.Tenant, tenant.Time.GetUtcNow(), SessionStatus.Active, SessionStatus.Terminated, "requested"));
        tenant.Publish(new SessionTerminated(Id, tenant.Tenant, tenant.Time.GetUtcNow(), TerminationReason.Requested));
    }

    public bool CancelTurn()
    {
        lock (_lock)
        {
            if (_currentTurn is not { IsCancellationRequested: false } turn)
            {
                return false;
            }

            turn.Cancel();
            return true;
        }
    }

    /// <summary>Runs a turn: deltas go to <paramref name="onDelta"/>; history is appended only when it completes.</summary>
    public async Task<MessageReply> RunTurnAsync(string message, Func<string, ValueTask> onDelta, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw ValidationException.For("message", "must not be empty");
        }

        if (_config.DoubleTexting == DoubleTextingPolicy.Reject && _turn.CurrentCount == 0)
        {
            throw new TurnInProgressException(Id);
        }

        await _turn.WaitAsync(cancellationToken);
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (_status != SessionStatus.Active)
                {
                    throw new InvalidTransitionException(Id, _status, "send a message");
                }

                _currentTurn = turn;
            }

            tenant.TurnsStarted.Writer.TryWrite(Id);

            if (message == "!fail")
            {
                throw new TurnFailedException(Id, "ServerError", "the fake model failed on purpose");
            }

            if (message == "!hold")
            {
                await Task.Delay(Timeout.Infinite, turn.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw new TurnCancelledException(Id);
            }

            var reply = "echo: " + message + Earlier();
            foreach (var word in reply.Split(' '))
            {
                turn.Token.ThrowIfCancellationRequested();
                await onDelta(word == reply.Split(' ')[0] ? word : " " + word);
            }

            return Append(message, reply);
        }
        finally
        {
            lock (_lock)
            {
                _currentTurn = null;
            }

            _turn.Release();
        }
    }

    /// <summary>What the user said before in this session, so replies show whose context they came from.</summary>
    private string Earlier()
    {
        lock (_lock)
        {
            var earlier = _history.Where(h => h.Role == MessageRole.User).Select(h => h.Text).ToList();
            return earlier.Count == 0 ? "" : " [earlier: " + string.Join(" | ", earlier) + "]";
        }
    }

    private MessageReply Append(string message, string reply)
    {
        var now = tenant.Time.GetUtcNow();
        long userSequence;
        long assistantSequence;
        lock (_lock)
        {
            userSequence = ++_sequence;
            _history.Add(new HistoryEntry(userSequence, MessageRole.User, message, now));
            assistantSequence = ++_sequence;
            _history.Add(new HistoryEntry(assistantSequence, MessageRole.Assistant, reply, now));
            _updated = now;
        }

        tenant.Publish(new MessageAppended(Id, tenant.Tenant, now, userSequence, MessageRole.User, message));
        tenant.Publish(new MessageAppended(Id, tenant.Tenant, now, assistantSequence, MessageRole.Assistant, reply));
        return new MessageReply(Id, reply, assistantSequence, _config.Model ?? "fake-echo", now);
    }
}
