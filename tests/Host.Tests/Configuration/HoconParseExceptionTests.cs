using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconParseExceptionTests
{
    [Fact]
    public void Message_Always_StartsWithFileLineAndColumn()
    {
        var position = new HoconPosition("jido.conf", 12, 5);

        var error = new HoconParseException(position, "expected '=' or ':' after key 'foo'");

        Assert.Equal("jido.conf:12:5: expected '=' or ':' after key 'foo'", error.Message);
        Assert.Equal("jido.conf", error.File);
        Assert.Equal(12, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Equal("expected '=' or ':' after key 'foo'", error.Reason);
    }

    [Fact]
    public void Exception_Always_IsAFormatException()
    {
        var inner = new IOException("disk");

        var error = new HoconParseException(new HoconPosition("a.conf", 1, 1), "cannot read", inner);

        Assert.IsType<FormatException>(error, exactMatch: false);
        Assert.Same(inner, error.InnerException);
    }
}
