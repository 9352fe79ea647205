using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Auth;
using JidoSessions.Host.Http.Gateway.OpenAi;
using JidoSessions.Host.Http.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace JidoSessions.Host.Http.RateLimiting;

/// <summary>
/// The per-tenant request limit (<c>jido.http.rate-limit</c>): ASP.NET Core's rate limiter with one token bucket per
/// authenticated tenant, refilled with <c>requests</c> tokens every <c>period</c>; no queue. A request without a token
/// is answered 429 with <c>Retry-After</c> (a problem document, or OpenAI's error shape on the OpenAI endpoints).
/// Requests that name no tenant (probes, refused keys) are not counted; <c>requests = 0</c> turns the limit off.
/// </summary>
internal static class TenantRateLimit
{
    public static void Add(IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<HttpOptions>((limiter, http) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, http));
            limiter.OnRejected = RejectAsync;
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext context, HttpOptions http)
    {
        var tenant = context.User.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim);
        if (http.RateLimitRequests == 0 || tenant is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        return RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = http.RateLimitRequests,
            TokensPerPeriod = http.RateLimitRequests,
            ReplenishmentPeriod = http.RateLimitPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Tenant {http.User.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim)} sent more requests than jido.http.rate-limit allows; retry in {seconds} s.";
        IResult answer = http.Request.Path.StartsWithSegments("/v1/chat") || http.Request.Path.StartsWithSegments("/v1/models")
            ? OpenAiErrors.Create(StatusCodes.Status429TooManyRequests, HostErrorCodes.RateLimited, detail, null)
            : Problem.Create(StatusCodes.Status429TooManyRequests, HostErrorCodes.RateLimited, detail);
        await answer.ExecuteAsync(http);
    }
}
