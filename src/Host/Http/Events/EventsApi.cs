using System.Globalization;
using JidoSessions.Client;
using JidoSessions.Host.Http.Auth;
using JidoSessions.Host.Http.Sessions;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// Server-Sent Event streams of the caller's tenant: all sessions (<c>/v1/events</c>) or one
/// (<c>/v1/sessions/{id}/events</c>, 404 for an unknown id). <c>Last-Event-ID</c> replays what was missed
/// from the tenant's buffer of the last <c>jido.http.event-replay</c> events.
/// </summary>
internal static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/events", AllAsync).WithTags("Events");
        v1.MapGet("/sessions/{id}/events", SessionAsync).WithTags("Events");
        return v1;
    }

    private static async Task<EventStreamResult> AllAsync(HttpContext context, EventHubs hubs, CancellationToken cancellationToken)
    {
        var listener = await hubs.For(context.User.Tenant()).SubscribeAsync(null, LastEventId(context.Request), cancellationToken);
        return new EventStreamResult(listener);
    }

    private static async Task<EventStreamResult> SessionAsync(
        string id, HttpContext context, ISessionClient client, EventHubs hubs, CancellationToken cancellationToken)
    {
        var sessionId = SessionRoutes.Id(id);
        var lastEventId = LastEventId(context.Request);
        var listener = await hubs.For(context.User.Tenant()).SubscribeAsync(sessionId, lastEventId, cancellationToken);
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
