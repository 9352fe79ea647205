using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace JidoSessions.Client.Http;

/// <summary>
/// <see cref="ISessionClient"/> over the JidoSessions HTTP API. Every failure is the same typed
/// <see cref="SessionException"/> the in-process client throws (a problem document's <c>code</c> picks the
/// type); a refused API key is <see cref="SessionUnauthorizedException"/>, an unreachable server
/// <see cref="SessionUnavailableException"/>. Events and streamed turns are read as Server-Sent Events.
/// The instance is thread-safe; it does not own <see cref="HttpClient"/>.
/// </summary>
public sealed partial class HttpSessionClient : ISessionClient
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly Uri _root;
    private readonly JsonSerializerOptions _json = HttpWire.CreateJsonOptions();

    /// <summary>Creates a client.</summary>
    /// <param name="http">
    /// The HTTP client; its <see cref="HttpClient.BaseAddress"/> is the server root (e.g.
    /// <c>http://127.0.0.1:5080/</c>). Set its <see cref="HttpClient.Timeout"/> to
    /// <see cref="Timeout.InfiniteTimeSpan"/> for long event subscriptions; cancel with tokens instead.
    /// </param>
    /// <param name="apiKey">The tenant's API key, sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="tenant">The tenant the key belongs to (the server decides by the key; this is what <see cref="Tenant"/> reports).</param>
    public HttpSessionClient(HttpClient http, string apiKey, TenantId tenant)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var baseAddress = http.BaseAddress ?? throw new ArgumentException("HttpClient.BaseAddress must be set to the server root.", nameof(http));
        _http = http;
        _authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        Tenant = tenant;
    }

    /// <inheritdoc />
    public TenantId Tenant { get; }

    /// <inheritdoc />
    public Task<SessionInfo> CreateAsync(CreateSessionRequest? request = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SessionInfo>(HttpMethod.Post, "v1/sessions", request ?? new CreateSessionRequest(), cancellationToken);

    /// <inheritdoc />
    public Task<GetOrCreateResult> GetOrCreateAsync(SessionKey key, CreateSessionRequest? request = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<GetOrCreateResult>(HttpMethod.Put, "v1/sessions/by-key/" + Uri.EscapeDataString(key.Value), request ?? new CreateSessionRequest(), cancellationToken);

    /// <inheritdoc />
    /// <inheritdoc />
    public async Task<SessionInfo?> FindByKeyAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendJsonAsync<SessionInfo>(HttpMethod.Get, "v1/sessions/by-key/" + Uri.EscapeDataString(key.Value), null, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<MessageReply> SendAsync(SessionId id, string message, CancellationToken cancellationToken = default) =>
        SendAsync(id, message, TurnOptions.None, cancellationToken);

    /// <inheritdoc />
    public Task<MessageReply> SendAsync(SessionId id, string message, TurnOptions options, CancellationToken cancellationToken = default) =>
        SendJsonAsync<MessageReply>(HttpMethod.Post, Session(id, "messages"), Request(message, options), cancellationToken);

    /// <inheritdoc />
    public Task<MessageReply> SendToolResultsAsync(SessionId id, IReadOnlyList<ToolResult> results, TurnOptions? options = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<MessageReply>(HttpMethod.Post, Session(id, "messages"), Request(results, options ?? TurnOptions.None), cancellationToken);

    private static MessageRequest Request(string message, TurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new MessageRequest(message, options.IsEmpty ? null : options);
    }

    private static MessageRequest Request(IReadOnlyList<ToolResult> results, TurnOptions options)
    {
        if (ToolRules.Problem(results) is { } problem)
        {
            throw ValidationException.For("toolResults", problem);
        }

        options.Validate();
        return new MessageRequest(null, options.IsEmpty ? null : options, results);
    }

    /// <inheritdoc />
    public async Task<bool> CancelTurnAsync(SessionId id, CancellationToken cancellationToken = default) =>
        (await SendJsonAsync<CancelTurnResponse>(HttpMethod.Post, Session(id, "turn/cancel"), null, cancellationToken).ConfigureAwait(false)).Cancelled;

    /// <inheritdoc />
    public async Task TerminateAsync(SessionId id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, Session(id, null), null, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<SessionPage> ListAsync(ListSessionsQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ListSessionsQuery();
        var path = string.Create(CultureInfo.InvariantCulture, $"v1/sessions?offset={query.Offset}&limit={query.Limit}");
        if (query.Status is { } status)
        {
            path += "&status=" + status;
        }

        return SendJsonAsync<SessionPage>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionInfo> GetInfoAsync(SessionId id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SessionInfo>(HttpMethod.Get, Session(id, null), null, cancellationToken);

    /// <inheritdoc />
    public Task<SessionInfo> SetConfigAsync(SessionId id, SessionConfig patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return SendJsonAsync<SessionInfo>(HttpMethod.Put, Session(id, "config"), patch, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(SessionId id, CancellationToken cancellationToken = default) =>
        await SendJsonAsync<List<HistoryEntry>>(HttpMethod.Get, Session(id, "history"), null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryAuditEntry>> GetHistoryAuditAsync(SessionId id, CancellationToken cancellationToken = default) =>
        await SendJsonAsync<List<HistoryAuditEntry>>(HttpMethod.Get, Session(id, "history?view=audit"), null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<SessionInfo> ForkAsync(SessionId id, ForkSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendJsonAsync<SessionInfo>(HttpMethod.Post, Session(id, "fork"), request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionInfo> RewindAsync(SessionId id, long toSequence, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SessionInfo>(HttpMethod.Post, Session(id, "rewind"), new RewindRequest(toSequence), cancellationToken);

    /// <inheritdoc />
    public Task<SessionFileInfo> AddFileAsync(SessionId id, SessionFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return SendJsonAsync<SessionFileInfo>(HttpMethod.Post, Session(id, "files"), file, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveFileAsync(SessionId id, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var target = Session(id, "files") + "?path=" + Uri.EscapeDataString(path);
        return (await SendJsonAsync<RemoveFileResponse>(HttpMethod.Delete, target, null, cancellationToken).ConfigureAwait(false)).Removed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SessionFileInfo>> ListFilesAsync(SessionId id, CancellationToken cancellationToken = default) =>
        await SendJsonAsync<List<SessionFileInfo>>(HttpMethod.Get, Session(id, "files"), null, cancellationToken).ConfigureAwait(false);

    private static string Session(SessionId id, string? rest) => rest is null ? $"v1/sessions/{id}" : $"v1/sessions/{id}/{rest}";

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(_json, cancellationToken).ConfigureAwait(false)
                ?? throw new UnexpectedResponseException("empty_body", (int)response.StatusCode, $"The server answered {(int)response.StatusCode} without a body to {method} {path}.");
        }
        catch (JsonException e)
        {
            throw new UnexpectedResponseException("invalid_body", (int)response.StatusCode, $"The server's answer to {method} {path} is not the expected JSON: {e.Message}", e);
        }
    }

    /// <summary>Sends a request and returns a successful response; a failure response is thrown as its typed exception.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, HttpCompletionOption completion, CancellationToken cancellationToken, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root, path));
        request.Headers.Authorization = _authorization;
        if (completion == HttpCompletionOption.ResponseHeadersRead)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(HttpWire.EventStreamMediaType));
        }

        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: _json);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SessionUnavailableException($"Could not reach the JidoSessions server at {_root}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SessionUnavailableException($"The JidoSessions server at {_root} did not answer {method} {path} in time.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw ProblemMapper.FromProblem((int)response.StatusCode, text);
        }
    }

    private static bool IsEventStream(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, HttpWire.EventStreamMediaType, StringComparison.OrdinalIgnoreCase);

    private static UnexpectedResponseException NotAnEventStream(HttpResponseMessage response) =>
        new("not_event_stream", (int)response.StatusCode, $"Expected {HttpWire.EventStreamMediaType} but the server answered {response.Content.Headers.ContentType?.MediaType ?? "(no content type)"}.");
}
