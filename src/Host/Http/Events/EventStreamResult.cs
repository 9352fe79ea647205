using JidoSessions.Host.Configuration.Options;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// Streams a listener's events as SSE (<c>id:</c> the tenant stream number, <c>event:</c> the event type,
/// <c>data:</c> the event JSON), replayed ones first, with a heartbeat comment when idle. The listener is
/// registered before this runs, so the headers it sends tell the client its subscription is live.
/// </summary>
internal sealed class EventStreamResult(EventListener listener) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var heartbeat = services.GetRequiredService<HttpOptions>().SseHeartbeat;
        var time = services.GetRequiredService<TimeProvider>();
        var cancellationToken = httpContext.RequestAborted;
        await using (listener)
        {
            listener.OnDisconnect(httpContext.Abort);
            var sse = await SseWriter.StartAsync(httpContext.Response, json, cancellationToken);
            try
            {
                foreach (var e in listener.Replay)
                {
                    await sse.WriteFrameAsync(e.Frame, cancellationToken);
                }

                using var beats = new PeriodicTimer(heartbeat, time);
                var pending = listener.WaitToReadAsync(cancellationToken).AsTask();
                var beat = beats.WaitForNextTickAsync(cancellationToken).AsTask();
                while (true)
                {
                    var done = await Task.WhenAny(pending, beat);
                    if (done == beat)
                    {
                        await beat;
                        await sse.WriteCommentAsync("heartbeat", cancellationToken);
                        beat = beats.WaitForNextTickAsync(cancellationToken).AsTask();
                        continue;
                    }

                    if (!await pending)
                    {
                        return;
                    }

                    while (listener.TryRead(out var e))
                    {
                        await sse.WriteFrameAsync(e.Frame, cancellationToken);
                    }

                    pending = listener.WaitToReadAsync(cancellationToken).AsTask();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client disconnected, or was disconnected for falling behind.
            }
            finally
            {
                listener.OnDisconnect(null);
            }
        }
    }
}
