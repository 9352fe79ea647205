using JidoSessions.Host.Configuration;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http;

namespace JidoSessions.Host.Hosting;

/// <summary>Builds the JidoSessions web host: configuration in its documented order, Kestrel, the session system and the API.</summary>
internal static class JidoWebHost
{
    /// <exception cref="JidoConfigurationException">A key is invalid.</exception>
    /// <exception cref="Configuration.Hocon.HoconParseException">A HOCON file is malformed.</exception>
    public static WebApplication Build(JidoHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var input = settings.Configuration;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = input.ContentRoot, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJidoSources(input);
        var options = JidoOptionsBinder.Bind(builder.Configuration);

        builder.WebHost.UseUrls([.. options.Http.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Http.MaxRequestBody;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddJidoSessions(options);
        builder.Services.AddJidoSessionsHttpApi();
        builder.Services.AddSingleton(new StartupInfo(DescribeSources(input), settings.Output));
        settings.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseJidoSessionsApi();
        app.MapJidoSessionsApi();
        return app;
    }

    /// <summary>A generic host with the session system only (no HTTP): the CLI's local chat.</summary>
    public static IHost BuildLocal(JidoHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var input = settings.Configuration;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = input.ContentRoot, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJidoSources(input);
        builder.Services.AddJidoSessions(JidoOptionsBinder.Bind(builder.Configuration));
        settings.ConfigureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    private static string DescribeSources(JidoConfigurationInput input)
    {
        var defaults = JidoConfigurationSources.DescribeDefaults(input.ContentRoot);
        return input.ConfigFile is { } file ? $"{defaults} + {file}" : defaults;
    }
}
