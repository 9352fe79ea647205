using JidoSessions.Host.Configuration.Hocon;
using Microsoft.Extensions.Configuration;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconConfigurationExtensionsTests : IDisposable
{
    private const string Key = "jido:sessions:idle-timeout";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AddHoconFile_ExistingFile_SuppliesItsValues()
    {
        var path = _directory.Write("jido.conf", "jido.sessions.idle-timeout = 30s");

        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal("30s", configuration[Key]);
        Assert.Equal("30s", configuration.GetSection("jido").GetSection("sessions")["idle-timeout"]);
    }

    [Fact]
    public void AddHoconFile_MissingOptionalFile_AddsNothing()
    {
        var path = Path.Combine(_directory.Path, "missing.conf");

        var configuration = new ConfigurationBuilder().AddHoconFile(path, optional: true).Build();

        Assert.Empty(configuration.AsEnumerable());
    }

    [Fact]
    public void AddHoconFile_MissingRequiredFile_FailsTheBuild()
    {
        var builder = new ConfigurationBuilder().AddHoconFile(Path.Combine(_directory.Path, "missing.conf"));

        Assert.Throws<FileNotFoundException>(() => builder.Build());
    }

    [Fact]
    public void AddHoconString_Text_SuppliesItsValues()
    {
        var builder = new ConfigurationBuilder();

        var configuration = builder.AddHoconString("a { b = [x, y] }", "test.conf").Build();

        Assert.Equal("y", configuration["a:b:1"]);
    }

    [Fact]
    public void AddInMemoryCollection_AddedAfterHocon_OverridesTheHoconValue()
    {
        var builder = new ConfigurationBuilder()
            .AddHoconString("jido.sessions { idle-timeout = 30s, max = 5 }", "jido.conf")
            .AddInMemoryCollection(new Dictionary<string, string?> { [Key] = "45s" });

        var configuration = builder.Build();

        Assert.Equal("45s", configuration[Key]);
        Assert.Equal("5", configuration["jido:sessions:max"]);
    }

    [Fact]
    public void AddEnvironmentVariables_AddedAfterHocon_OverrideTheHoconValue()
    {
        var prefix = "JIDO_HOCON_TEST_" + Guid.NewGuid().ToString("N") + "_";
        var variable = prefix + "jido__sessions__idle-timeout";
        Environment.SetEnvironmentVariable(variable, "90s");
        try
        {
            var builder = new ConfigurationBuilder()
                .AddHoconString("jido.sessions.idle-timeout = 30s", "jido.conf")
                .AddEnvironmentVariables(prefix);

            var configuration = builder.Build();

            Assert.Equal("90s", configuration[Key]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void AddHoconFile_AddedAfterAnotherHoconSource_OverridesIt()
    {
        var overrides = _directory.Write("override.conf", "jido.sessions.idle-timeout = 1m");
        var builder = new ConfigurationBuilder()
            .AddHoconString("jido.sessions { idle-timeout = 30s, max = 5 }", "defaults.conf")
            .AddHoconFile(overrides);

        var configuration = builder.Build();

        Assert.Equal("1m", configuration[Key]);
        Assert.Equal("5", configuration["jido:sessions:max"]);
    }
}
