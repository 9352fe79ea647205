using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconConfigurationProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static HoconConfigurationProvider Loaded(HoconConfigurationSource source)
    {
        var provider = new HoconConfigurationProvider(source);
        provider.Load();
        return provider;
    }

    [Fact]
    public void Load_File_ExposesFlattenedKeysWithValuesAsWritten()
    {
        var path = _directory.Write("jido.conf", "jido.sessions {\n  idle-timeout = 30s\n  max-size = 1MiB\n  peers = [a, b]\n}");

        var provider = Loaded(new HoconConfigurationSource { Path = path });

        Assert.True(provider.TryGet("jido:sessions:idle-timeout", out var timeout));
        Assert.Equal("30s", timeout);
        Assert.True(provider.TryGet("JIDO:SESSIONS:MAX-SIZE", out var size));
        Assert.Equal("1MiB", size);
        Assert.True(provider.TryGet("jido:sessions:peers:1", out var peer));
        Assert.Equal("b", peer);
    }

    [Fact]
    public void TryGetPosition_LoadedKey_ReturnsFileLineAndColumn()
    {
        var path = _directory.Write("jido.conf", "jido {\n  sessions {\n    idle-timeout = abc\n  }\n}");
        var provider = Loaded(new HoconConfigurationSource { Path = path });

        var found = provider.TryGetPosition("Jido:Sessions:Idle-Timeout", out var position);

        Assert.True(found);
        Assert.Equal(new HoconPosition(path, 3, 20), position);
    }

    [Fact]
    public void TryGetPosition_UnknownKey_ReturnsFalse()
    {
        var provider = Loaded(new HoconConfigurationSource { Content = "a = 1" });

        var found = provider.TryGetPosition("b", out _);

        Assert.False(found);
    }

    [Fact]
    public void Load_Content_ReportsTheSourceName()
    {
        var source = new HoconConfigurationSource { Content = "\na = 1", SourceName = "inline.conf" };

        var provider = Loaded(source);

        Assert.True(provider.TryGetPosition("a", out var position));
        Assert.Equal(new HoconPosition("inline.conf", 2, 5), position);
    }

    [Fact]
    public void Load_MissingOptionalFile_GivesAnEmptyConfiguration()
    {
        var source = new HoconConfigurationSource { Path = Path.Combine(_directory.Path, "missing.conf"), Optional = true };

        var provider = Loaded(source);

        Assert.Empty(provider.GetChildKeys([], parentPath: null));
    }

    [Fact]
    public void Load_MissingRequiredFile_ThrowsFileNotFound()
    {
        var provider = new HoconConfigurationProvider(new HoconConfigurationSource { Path = Path.Combine(_directory.Path, "missing.conf") });

        var error = Assert.Throws<FileNotFoundException>(provider.Load);

        Assert.Contains("missing.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidFile_ThrowsHoconParseExceptionNamingTheFile()
    {
        var path = _directory.Write("bad.conf", "a = 1\nfoo");
        var provider = new HoconConfigurationProvider(new HoconConfigurationSource { Path = path });

        var error = Assert.Throws<HoconParseException>(provider.Load);

        Assert.Equal($"{path}:2:4: expected '=' or ':' after key 'foo'", error.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("a.conf", "a = 1")]
    public void Load_SourceWithoutExactlyOneOfPathAndContent_Throws(string? path, string? content)
    {
        var provider = new HoconConfigurationProvider(new HoconConfigurationSource { Path = path, Content = content });

        Assert.Throws<InvalidOperationException>(provider.Load);
    }

    [Fact]
    public void Load_CalledAgain_RereadsTheFile()
    {
        var path = _directory.Write("jido.conf", "a = 1");
        var provider = Loaded(new HoconConfigurationSource { Path = path });
        File.WriteAllText(path, "\nb = 2");

        provider.Load();

        Assert.False(provider.TryGet("a", out _));
        Assert.True(provider.TryGetPosition("b", out var position));
        Assert.Equal(2, position.Line);
    }

    [Fact]
    public void Load_NullValue_IsPresentAsNull()
    {
        var provider = Loaded(new HoconConfigurationSource { Content = "a = null" });

        var found = provider.TryGet("a", out var value);

        Assert.True(found);
        Assert.Null(value);
    }
}
