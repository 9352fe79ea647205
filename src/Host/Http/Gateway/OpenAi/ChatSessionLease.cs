using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway.OpenAi;

/// <summary>
/// The session one chat-completions request talks to: the key's session (got or created, its config brought in
/// line with the request), or a one-off session created for the request and ended when the lease is disposed.
/// </summary>
internal sealed partial class ChatSessionLease : IAsyncDisposable
{
    private readonly ISessionClient _client;
    private readonly ILogger _logger;

    private ChatSessionLease(ISessionClient client, SessionInfo session, bool oneOff, string? model, ILogger logger)
    {
        _client = client;
        Id = session.Id;
        OneOff = oneOff;
        Model = model;
        _logger = logger;
    }

    public SessionId Id { get; }

    /// <summary>The model the session is configured with; null when it uses the server default.</summary>
    public string? Model { get; }

    /// <summary>True when the session was created for this request alone (no key) and ends with the lease.</summary>
    public bool OneOff { get; }

    public static async Task<ChatSessionLease> AcquireAsync(ISessionClient client, ChatTurn turn, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(turn);
        var create = new CreateSessionRequest { Config = turn.Wanted };
        if (turn.Key is not { } key)
        {
            var created = await client.CreateAsync(create, cancellationToken);
            return new ChatSessionLease(client, created, oneOff: true, created.Config.Model, logger);
        }

        var result = await client.GetOrCreateAsync(key, create, cancellationToken);
        var session = result.Session;
        if (!result.Created && Differences(session.Config, turn.Wanted) is { } patch)
        {
            await client.SetConfigAsync(session.Id, patch, cancellationToken);
        }

        return new ChatSessionLease(client, session, oneOff: false, turn.Model ?? session.Config.Model, logger);
    }

    /// <summary>Ends a one-off session (whatever became of its turn); a keyed session lives on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!OneOff)
        {
            return;
        }

        try
        {
            // Not the request's token: a caller that went away still leaves nothing behind.
            await _client.TerminateAsync(Id, CancellationToken.None);
        }
        catch (SessionException e)
        {
            LogOneOffNotEnded(_logger, e, Id);
        }
    }

    /// <summary>The members of <paramref name="wanted"/> that differ from the session's config, or null when none do.</summary>
    private static SessionConfig? Differences(SessionConfig current, SessionConfig wanted)
    {
        var model = wanted.Model is { } m && m != current.Model ? m : null;
        var prompt = wanted.SystemPrompt is { } p && p != current.SystemPrompt ? p : null;
        return model is null && prompt is null ? null : new SessionConfig { Model = model, SystemPrompt = prompt };
    }
}
