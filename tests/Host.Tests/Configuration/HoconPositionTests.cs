using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconPositionTests
{
    [Fact]
    public void ToString_Always_UsesFileLineColumnForm()
    {
        var position = new HoconPosition("hocon/jido.conf", 12, 18);

        var text = position.ToString();

        Assert.Equal("hocon/jido.conf:12:18", text);
    }
}
