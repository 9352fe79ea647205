using JidoSessions.Host.Configuration.Hocon;
using Microsoft.Extensions.Configuration;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconConfigurationRootExtensionsTests
{
    private const string Key = "jido:sessions:idle-timeout";

    [Fact]
    public void GetHoconPosition_ValueFromHocon_ReturnsItsPosition()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("jido {\n  sessions.idle-timeout = abc\n}", "hocon/jido.conf")
            .Build();

        var position = configuration.GetHoconPosition(Key);

        Assert.Equal("hocon/jido.conf:2:27", position?.ToString());
    }

    [Fact]
    public void GetHoconPosition_ValueOverriddenByInMemory_ReturnsNull()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("jido.sessions.idle-timeout = 30s", "jido.conf")
            .AddInMemoryCollection(new Dictionary<string, string?> { [Key] = "45s" })
            .Build();

        var position = configuration.GetHoconPosition(Key);

        Assert.Null(position);
    }

    [Fact]
    public void GetHoconPosition_TwoHoconSources_ReturnsThePositionInTheWinningOne()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("jido.sessions.idle-timeout = 30s", "defaults.conf")
            .AddHoconString("\n\njido.sessions.idle-timeout = 1m", "site.conf")
            .AddInMemoryCollection(new Dictionary<string, string?> { ["other"] = "x" })
            .Build();

        var position = configuration.GetHoconPosition(Key);

        Assert.Equal(new HoconPosition("site.conf", 3, 30), position);
    }

    [Fact]
    public void GetHoconPosition_UnknownKey_ReturnsNull()
    {
        var configuration = new ConfigurationBuilder().AddHoconString("a = 1", "a.conf").Build();

        var position = configuration.GetHoconPosition("b");

        Assert.Null(position);
    }

    [Fact]
    public void GetHoconPosition_ConfigurationManager_FindsTheHoconValue()
    {
        using var manager = new ConfigurationManager();
        manager.AddHoconString("a = 1", "a.conf");

        var position = manager.GetHoconPosition("A");

        Assert.Equal(new HoconPosition("a.conf", 1, 5), position);
    }
}
