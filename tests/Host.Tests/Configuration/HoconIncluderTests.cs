using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconIncluderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static Dictionary<string, string?> Load(string path) =>
        HoconFlattener.Flatten(HoconDocument.LoadFile(path, _ => null))
            .ToDictionary(pair => pair.Key, pair => pair.Value.Value, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Include_RelativePath_IsResolvedAgainstTheIncludingFile()
    {
        _directory.Write("conf/sub/defaults.conf", "a = from-include\nb = from-include");
        var main = _directory.Write("conf/main.conf", "include \"sub/defaults.conf\"\nb = from-main");

        var values = Load(main);

        Assert.Equal("from-include", values["a"]);
        Assert.Equal("from-main", values["b"]);
    }

    [Theory]
    [InlineData("include file(\"extra.conf\")")]
    [InlineData("include required(\"extra.conf\")")]
    [InlineData("include required(file(\"extra.conf\"))")]
    [InlineData("include required( \"extra.conf\" )")]
    [InlineData("include\n  \"extra\"")]
    public void Include_EverySupportedForm_ReadsTheFile(string statement)
    {
        _directory.Write("extra.conf", "x = 1");
        var main = _directory.Write("main.conf", statement);

        var values = Load(main);

        Assert.Equal("1", values["x"]);
    }

    [Fact]
    public void Include_IncludedValue_OverridesEarlierFieldsAndIsOverriddenByLaterOnes()
    {
        _directory.Write("mid.conf", "a = included\nb = included\nobj { y = 2 }");
        var main = _directory.Write("main.conf", "a = before\nobj { x = 1 }\ninclude \"mid.conf\"\nb = after");

        var values = Load(main);

        Assert.Equal("included", values["a"]);
        Assert.Equal("after", values["b"]);
        Assert.Equal("1", values["obj:x"]);
        Assert.Equal("2", values["obj:y"]);
    }

    [Fact]
    public void Include_MissingPlainFile_IsIgnored()
    {
        var main = _directory.Write("main.conf", "include \"missing.conf\"\na = 1");

        var values = Load(main);

        Assert.Equal("1", values["a"]);
    }

    [Fact]
    public void Include_MissingRequiredFile_ThrowsAtTheIncludeStatement()
    {
        var main = _directory.Write("main.conf", "a = 1\n  include required(\"missing.conf\")");

        var error = Assert.Throws<HoconParseException>(() => Load(main));

        Assert.Equal(new HoconPosition(main, 2, 3), error.Position);
        Assert.Contains("required include 'missing.conf' was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_Cycle_ThrowsNamingTheChain()
    {
        _directory.Write("b.conf", "include \"a.conf\"");
        var a = _directory.Write("a.conf", "include \"b.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Load(a));

        Assert.Contains("include cycle", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("b.conf:1:1", error.Position.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Include_InsideAnObject_FixesUpSubstitutionsToTheInclusionPoint()
    {
        _directory.Write("pool.conf", "size = 4\ndouble = ${size}\nname = ${app}");
        var main = _directory.Write("main.conf", "app = jido\npool { include \"pool.conf\" }\npool.size = 8");

        var values = Load(main);

        Assert.Equal("8", values["pool:double"]);
        Assert.Equal("jido", values["pool:name"]);
    }

    [Fact]
    public void Include_SyntaxErrorInIncludedFile_ReportsTheIncludedFile()
    {
        var included = _directory.Write("sub/bad.conf", "ok = 1\noops");
        var main = _directory.Write("main.conf", "include \"sub/bad.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Load(main));

        Assert.Equal(included, error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Include_IncludedValues_RememberTheirOwnFile()
    {
        var included = _directory.Write("other.conf", "\n  x = 1");
        var main = _directory.Write("main.conf", "include \"other.conf\"");

        var values = HoconFlattener.Flatten(HoconDocument.LoadFile(main, _ => null));

        Assert.Equal(new HoconPosition(included, 2, 7), values["x"].Position);
    }
}
