using Microsoft.Net.Http.Headers;

namespace JidoSessions.Host.Http.Dashboard;

/// <summary>
/// The live dashboard at <c>/dashboard</c>: static HTML, CSS and JavaScript from the Host assembly, anonymous because
/// the files hold no data. The page asks for the user's API key and reads everything through <c>/v1</c> with it, so it
/// shows only that key's tenant. Every answer under <c>/dashboard</c> carries a strict Content-Security-Policy (own
/// scripts, styles and connections only; no inline code, no framing, no forms posting elsewhere), <c>nosniff</c> and
/// <c>no-referrer</c>.
/// </summary>
internal static class DashboardApi
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var dashboard = endpoints.MapGroup("/dashboard")
            .WithTags("Dashboard")
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                SetSecurityHeaders(context.HttpContext.Response.Headers);
                return await next(context);
            });

        // "/dashboard", "/dashboard/" and "/dashboard/{file}": unknown files are 404s that carry the headers too.
        dashboard.MapGet("/{**path}", Serve);
        return endpoints;
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult, NotFound> Serve(string? path, HttpRequest request)
    {
        var name = string.IsNullOrEmpty(path) ? DashboardAssets.IndexName : path;
        if (!DashboardAssets.TryGet(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = request.HttpContext.Response.Headers;
        headers.ETag = asset.ETag;

        // Revalidated on every load: a new host version is picked up at once, an unchanged file costs a 304.
        headers.CacheControl = "no-cache";
        if (request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static void SetSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
