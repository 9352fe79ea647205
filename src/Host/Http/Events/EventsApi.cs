using System.Globalization;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Auth;
using JidoSessions.Host.Http.Problems;
using JidoSessions.Host.Http.Sessions;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// Server-Sent Event streams of the caller's tenant: all sessions (<c>/v1/events</c>) or one
/// (<c>/v1/sessions/{id}/events</c>, 404 for an unknown id). <c>Last-Event-ID</c> replays what was missed
/// from the tenant's buffer of the last <c>jido.http.event-replay</c> events. A tenant has at most
/// <c>jido.http.max-subscriptions</c> streams open; beyond that, 429 <c>too_many_subscriptions</c> with Retry-After.
/// </summary>
internal static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/events", AllAsync).WithTags("Events");
        v1.MapGet("/sessions/{id}/events", SessionAsync).WithTags("Events");
        return v1;
    }

    /// <summary>Seconds a refused subscriber is told to wait: long enough for another stream of the tenant to end.</summary>
    private const int RetryAfterSeconds = 5;

    private static async Task<Results<EventStreamResult, ProblemHttpResult>> AllAsync(HttpContext context, EventHubs hubs, HttpOptions http, CancellationToken cancellationToken)
    {
        var listener = await hubs.For(context.User.Tenant()).TrySubscribeAsync(null, LastEventId(context.Request), cancellationToken);
        return listener is null ? TooMany(context, http) : new EventStreamResult(listener);
    }

    private static async Task<Results<EventStreamResult, ProblemHttpResult>> SessionAsync(
        string id, HttpContext context, ISessionClient client, EventHubs hubs, HttpOptions http, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var lastEventId = LastEventId(context.Request);
        var listener = await hubs.For(context.User.Tenant()).TrySubscribeAsync(sessionId, lastEventId, cancellationToken);
        if (listener is null)
        {
            return TooMany(context, http);
        }

        try
        {
            // Registered first, checked second: no event between the check and the registration is lost.
            await client.GetInfoAsync(sessionId, cancellationToken);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }

        return new EventStreamResult(listener);
    }

    private static ProblemHttpResult TooMany(HttpContext context, HttpOptions http)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem.Create(
            StatusCodes.Status429TooManyRequests,
            HostErrorCodes.TooManySubscriptions,
            $"Tenant {context.User.Tenant()} already has {http.MaxSubscriptions} event streams open (jido.http.max-subscriptions); close one or retry later.");
    }

    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw ValidationException.For("Last-Event-ID", "must be an event id this server sent (a whole number)");
    }
}
