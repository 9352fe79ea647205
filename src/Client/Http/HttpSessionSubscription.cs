using System.Runtime.CompilerServices;
using System.Text.Json;

namespace JidoSessions.Client.Http;

/// <summary>
/// An event subscription over Server-Sent Events. Owns the response; reconnects with the last seen event id
/// when the connection drops (not when it is disposed or its token is cancelled).
/// </summary>
internal sealed class HttpSessionSubscription(
    HttpResponseMessage response,
    Func<string?, CancellationToken, Task<HttpResponseMessage>> reconnect,
    JsonSerializerOptions json) : SessionSubscription
{
    private const int MaxReconnectAttempts = 3;

    private readonly CancellationTokenSource _disposed = new();
    private HttpResponseMessage? _response = response;
    private int _enumerated;

    public override IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
        {
            throw new InvalidOperationException("A subscription can be enumerated only once.");
        }

        return ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            Interlocked.Exchange(ref _response, null)?.Dispose();
            _disposed.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<SessionEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var token = linked.Token;
        string? lastEventId = null;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            var current = _response ??= await ReconnectAsync(lastEventId, failures, token).ConfigureAwait(false);
            var events = ReadOneConnectionAsync(current, token).GetAsyncEnumerator(token);
            try
            {
                while (true)
                {
                    SessionEvent? next;
                    try
                    {
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        (lastEventId, next) = events.Current;
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException && !token.IsCancellationRequested)
                    {
                        break;
                    }

                    failures = 0;
                    if (next is not null)
                    {
                        yield return next;
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            Interlocked.CompareExchange(ref _response, null, current)?.Dispose();
            failures++;
        }
    }

    private async IAsyncEnumerable<(string? Id, SessionEvent? Event)> ReadOneConnectionAsync(HttpResponseMessage current, [EnumeratorCancellation] CancellationToken token)
    {
        var stream = await current.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await foreach (var sse in SseReader.ReadAsync(stream, token).ConfigureAwait(false))
        {
            SessionEvent? parsed;
            try
            {
                parsed = sse.Type == EventsMissed.TypeName
                    ? JsonSerializer.Deserialize<GapData>(sse.Data, json) is { } gap ? new EventsMissed(gap.Tenant, gap.At, gap.LastEventId, gap.ResumesAfter, gap.Reason) : null
                    : JsonSerializer.Deserialize<SessionEvent>(sse.Data, json);
            }
            catch (JsonException)
            {
                // An event type newer than this client: skip it, but remember its id for reconnecting.
                parsed = null;
            }

            yield return (sse.Id, parsed);
        }
    }

    private async Task<HttpResponseMessage> ReconnectAsync(string? lastEventId, int failures, CancellationToken token)
    {
        while (true)
        {
            if (failures > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * failures), token).ConfigureAwait(false);
            }

            try
            {
                return await reconnect(lastEventId, token).ConfigureAwait(false);
            }
            catch (SessionUnavailableException) when (++failures < MaxReconnectAttempts)
            {
            }
        }
    }
}

/// <summary>The <c>data:</c> of an <c>event: gap</c>.</summary>
internal sealed record GapData(TenantId Tenant, DateTimeOffset At, string LastEventId, string ResumesAfter, string Reason);
