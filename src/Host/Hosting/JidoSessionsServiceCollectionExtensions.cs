using JidoSessions.Host.Configuration;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JidoSessions.Host.Hosting;

/// <summary>Registers JidoSessions in a .NET host.</summary>
public static class JidoSessionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="JidoOptions"/> from the <c>jido</c> section of <paramref name="configuration"/>
    /// (all keys at once; each error names the key and, for HOCON, the file position) and registers the
    /// session system: a hosted actor system, its persistence, and <see cref="Client.ISessionClientFactory"/>.
    /// Registers the bound options as singletons (<see cref="JidoOptions"/> and each section).
    /// </summary>
    /// <exception cref="JidoConfigurationException">The configuration is invalid; nothing was registered.</exception>
    public static IServiceCollection AddJidoSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddJidoSessions(JidoOptionsBinder.Bind(configuration));
    }

    /// <summary>Registers the session system with options already bound (and validated) by the caller.</summary>
    internal static IServiceCollection AddJidoSessions(this IServiceCollection services, JidoOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Sessions);
        services.AddSingleton(options.Storage);
        services.AddSingleton(options.Llm);
        services.AddSingleton(options.Http);
        services.AddSingleton(options.Auth);
        services.TryAddSingleton(TimeProvider.System);
        SessionBackend.Add(services, options);
        services.AddHostedService<JidoHostStartup>();
        return services;
    }

    /// <summary>
    /// Registers what <see cref="JidoEndpointRouteBuilderExtensions.MapJidoSessionsApi"/> needs: bearer API-key
    /// authentication per tenant, problem details, JSON settings, the event hubs and the metrics exporter.
    /// Call after <see cref="AddJidoSessions(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    public static IServiceCollection AddJidoSessionsHttpApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        HttpApiServices.Add(services);
        return services;
    }
}
