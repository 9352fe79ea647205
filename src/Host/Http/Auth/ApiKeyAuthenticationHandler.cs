using System.Security.Claims;
using System.Text.Encodings.Web;
using JidoSessions.Client;
using JidoSessions.Host.Http.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace JidoSessions.Host.Http.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>: the key names the tenant the request acts as. A missing or unknown
/// key is answered 401 with <c>WWW-Authenticate: Bearer</c> and a problem document.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string TenantClaim = "jido:tenant";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length == Prefix.Length)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not 'Bearer <api key>'."));
        }

        if (!registry.TryAuthenticate(header[Prefix.Length..].Trim(), out var tenant))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(TenantClaim, tenant.Value)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        var detail = result.Failure?.Message ?? "This endpoint needs an API key: send 'Authorization: Bearer <api key>'.";
        await Problem.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, detail).ExecuteAsync(Context);
    }
}

/// <summary>Reads the authenticated tenant.</summary>
internal static class TenantPrincipal
{
    public static TenantId Tenant(this ClaimsPrincipal user) =>
        TenantId.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim), out var tenant)
            ? tenant
            : throw new InvalidOperationException("The request is not authenticated as a tenant.");
}
