using System.Text.Json;
using System.Text.Json.Serialization;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Hosting;
using JidoSessions.Host.Http.Auth;
using JidoSessions.Host.Http.Events;
using JidoSessions.Host.Http.Json;
using JidoSessions.Host.Http.Metrics;
using JidoSessions.Host.Http.Problems;
using JidoSessions.Host.Http.RateLimiting;
using JidoSessions.Host.Http.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JidoSessions.Host.Http;

/// <summary>The services of the HTTP API.</summary>
internal static class HttpApiServices
{
    public static void Add(IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<KestrelServerOptions>(KestrelRejections.Configure);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Status-code-only answers (an unknown route, a wrong method) get a code too.
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var code = status switch
                {
                    404 => HostErrorCodes.NotFound,
                    405 => HostErrorCodes.MethodNotAllowed,
                    415 => HostErrorCodes.UnsupportedMediaType,
                    _ => "http_" + status,
                };
                context.ProblemDetails.Extensions["code"] = code;
                context.ProblemDetails.Type = HttpWire.ProblemTypePrefix + code;
                var request = context.HttpContext.Request;
                context.ProblemDetails.Detail ??= status switch
                {
                    404 => $"No endpoint answers {request.Method} {request.Path}.",
                    405 => $"{request.Path} does not support {request.Method}.",
                    _ => context.ProblemDetails.Title,
                };
            }
        });
        services.AddSingleton(sp => ApiKeyRegistry.Create(sp.GetRequiredService<Configuration.Options.AuthOptions>()));
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        TenantRateLimit.Add(services);
        services.AddHttpContextAccessor();

        // Each request acts through its tenant's client, so another tenant's session is simply not there.
        services.AddScoped<ISessionClient>(sp =>
        {
            var user = sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User
                ?? throw new InvalidOperationException("A tenant's session client is only available inside a request.");
            return sp.GetRequiredService<ISessionClientFactory>().ForTenant(user.Tenant());
        });
        services.AddSingleton<RequestBody>();
        services.AddSingleton<EventHubs>();
        services.AddHostedService<EventHubStartup>();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<MetricsAccessFilter>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<StartupReport>();
    }

    /// <summary>
    /// The API's JSON: the wire settings, and strict reading (unknown and duplicate members, nulls for non-nullable
    /// members, missing required members and enum values other than their names are refused).
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        var wire = HttpWire.CreateJsonOptions();
        options.PropertyNamingPolicy = wire.PropertyNamingPolicy;
        options.PropertyNameCaseInsensitive = wire.PropertyNameCaseInsensitive;
        options.AllowOutOfOrderMetadataProperties = wire.AllowOutOfOrderMetadataProperties;
        options.TypeInfoResolver = wire.TypeInfoResolver;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new StrictEnumConverterFactory());
    }
}
