namespace JidoSessions.Host.Hosting;

/// <summary>Facts about how the host was started, for the startup report.</summary>
/// <param name="ConfigurationSource">Where the defaults came from, plus <c>--config</c> if given.</param>
/// <param name="Output">Where to print the development key (standard output).</param>
internal sealed record StartupInfo(string ConfigurationSource, TextWriter Output);
