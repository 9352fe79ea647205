using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconParserTests
{
    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("{ a = 1 }")]
    [InlineData("{\"a\": 1}")]
    [InlineData("a:\n  1")]
    public void Parse_FieldSeparators_AllDefineTheField(string text)
    {
        var values = HoconText.Values(text);

        Assert.Equal("1", values["a"]);
    }

    [Fact]
    public void Parse_KeyFollowedByBrace_NeedsNoSeparator()
    {
        var text = "jido { sessions { idle-timeout = 30s } }";

        var values = HoconText.Values(text);

        Assert.Equal("30s", values["jido:sessions:idle-timeout"]);
    }

    [Fact]
    public void Parse_DottedKey_IsEquivalentToNestedObjects()
    {
        var text = "a.b.c = 1\na { b { d = 2 } }";

        var values = HoconText.Values(text);

        Assert.Equal("1", values["a:b:c"]);
        Assert.Equal("2", values["a:b:d"]);
    }

    [Fact]
    public void Parse_QuotedKeyPart_KeepsItsDots()
    {
        var text = "a.\"b.c\".d = 1\n\"x y\" = 2\nfoo bar = 3";

        var values = HoconText.Values(text);

        Assert.Equal("1", values["a:b.c:d"]);
        Assert.Equal("2", values["x y"]);
        Assert.Equal("3", values["foo bar"]);
    }

    [Fact]
    public void Parse_NumericKey_SplitsAtItsDot()
    {
        var text = "3.14 = pi";

        var values = HoconText.Values(text);

        Assert.Equal("pi", values["3:14"]);
    }

    [Theory]
    [InlineData("a = [1, 2, 3]")]
    [InlineData("a = [1, 2, 3,]")]
    [InlineData("a = [\n  1\n  2\n  3\n]")]
    [InlineData("a = [1\n 2, 3]")]
    public void Parse_ArrayWithCommasOrNewlines_HasTheSameElements(string text)
    {
        var values = HoconText.Values(text);

        Assert.Equal("1,2,3", string.Join(",", values["a:0"], values["a:1"], values["a:2"]));
        Assert.False(values.ContainsKey("a:3"));
    }

    [Fact]
    public void Parse_ArrayOfObjectsAndArrays_FlattensEveryElement()
    {
        var text = "a = [{ name = x }, [true, null]]";

        var values = HoconText.Values(text);

        Assert.Equal("x", values["a:0:name"]);
        Assert.Equal("true", values["a:1:0"]);
        Assert.Null(values["a:1:1"]);
    }

    [Fact]
    public void Parse_Scalars_KeepTheirTypes()
    {
        var text = "n = -1.5e3, t = true, f = false, z = null, s = \"true\", u = hello";

        var root = HoconText.Resolve(text);

        Assert.Equal(HoconScalarKind.Number, Kind(root, "n"));
        Assert.Equal(HoconScalarKind.Boolean, Kind(root, "t"));
        Assert.Equal(HoconScalarKind.Boolean, Kind(root, "f"));
        Assert.Equal(HoconScalarKind.Null, Kind(root, "z"));
        Assert.Equal(HoconScalarKind.String, Kind(root, "s"));
        Assert.Equal(HoconScalarKind.String, Kind(root, "u"));
    }

    [Fact]
    public void Parse_Number_KeepsItsWrittenForm()
    {
        var text = "a = 1.50\nb = 1e5";

        var values = HoconText.Values(text);

        Assert.Equal("1.50", values["a"]);
        Assert.Equal("1e5", values["b"]);
    }

    [Fact]
    public void Parse_SimpleValuesOnOneLine_ConcatenateWithTheirWhitespace()
    {
        var text = "a = foo  bar baz   \nb = \"x\"y 1 true\nc = 5 m";

        var values = HoconText.Values(text);

        Assert.Equal("foo  bar baz", values["a"]);
        Assert.Equal("xy 1 true", values["b"]);
        Assert.Equal("5 m", values["c"]);
    }

    [Fact]
    public void Parse_TripleQuotedValue_SpansLines()
    {
        var text = "a = \"\"\"first\nsecond\"\"\"\nb = 2";

        var values = HoconText.Values(text);

        Assert.Equal("first\nsecond", values["a"]);
        Assert.Equal("2", values["b"]);
    }

    [Fact]
    public void Parse_CommentsEverywhere_AreIgnored()
    {
        var text = "# header\na = 1 // trailing\n// alone\nb = [1, # inside\n 2]";

        var values = HoconText.Values(text);

        Assert.Equal("1", values["a"]);
        Assert.Equal("2", values["b:1"]);
    }

    [Fact]
    public void Parse_DuplicateKeys_MergeObjectsAndLetLaterScalarsWin()
    {
        var text = "a { x = 1, y = 1 }\na { y = 2, z = 2 }\nb = 1\nb = 2";

        var values = HoconText.Values(text);

        Assert.Equal("1", values["a:x"]);
        Assert.Equal("2", values["a:y"]);
        Assert.Equal("2", values["a:z"]);
        Assert.Equal("2", values["b"]);
    }

    [Fact]
    public void Parse_ScalarBetweenTwoObjects_PreventsTheMerge()
    {
        var text = "a { x = 1 }\na = null\na { y = 2 }";

        var values = HoconText.Values(text);

        Assert.False(values.ContainsKey("a:x"));
        Assert.Equal("2", values["a:y"]);
    }

    [Fact]
    public void Parse_IncludeAsValueOrLaterInKey_IsAnOrdinaryString()
    {
        var text = "a = include\nfoo include = 1\n\"include\" = 2";

        var values = HoconText.Values(text);

        Assert.Equal("include", values["a"]);
        Assert.Equal("1", values["foo include"]);
        Assert.Equal("2", values["include"]);
    }

    [Fact]
    public void Parse_WindowsLineEndings_BehaveLikeNewlines()
    {
        var text = "a = foo bar\r\nb = [1\r\n 2]\r\n";

        var values = HoconText.Values(text);

        Assert.Equal("foo bar", values["a"]);
        Assert.Equal("2", values["b:1"]);
    }

    [Fact]
    public void Parse_PlainJson_IsValidHocon()
    {
        var text = """{ "jido": { "port": 8080, "tags": ["a", "b"], "debug": false, "name": "x\u0041" } }""";

        var values = HoconText.Values(text);

        Assert.Equal("8080", values["jido:port"]);
        Assert.Equal("b", values["jido:tags:1"]);
        Assert.Equal("false", values["jido:debug"]);
        Assert.Equal("xA", values["jido:name"]);
    }

    [Fact]
    public void Parse_MissingSeparator_NamesTheKeyAndPosition()
    {
        var text = "a = 1\nfoo bar\n";

        var error = HoconText.Error(text);

        Assert.Equal("test.conf:2:8: expected '=' or ':' after key 'foo bar'", error.Message);
    }

    [Theory]
    [InlineData("a {\n b = 1\n", 3, 1, "expected '}' to close the object opened at 1:3")]
    [InlineData("a = 1 }", 1, 7, "unexpected '}'")]
    [InlineData("a = [1, 2", 1, 10, "expected ']' to close the array opened at 1:5")]
    [InlineData("a = [1,,2]", 1, 8, "unexpected ','")]
    [InlineData("a = 1,, b = 2", 1, 7, "unexpected ','")]
    [InlineData("[1, 2]", 1, 1, "root of a HOCON document must be an object")]
    [InlineData("{ a = 1 } b", 1, 11, "after the root object")]
    [InlineData("a..b = 1", 1, 1, "empty element")]
    [InlineData("a =\n", 2, 1, "expected a value")]
    [InlineData("a = 1 b = 2", 1, 9, "expected ',' or a newline")]
    [InlineData("a = [1 : 2]", 1, 8, "expected ',' or ']'")]
    [InlineData("include url(\"http://x\")", 1, 1, "unsupported include form")]
    public void Parse_InvalidDocument_ThrowsWithPosition(string text, int line, int column, string reason)
    {
        var error = HoconText.Error(text);

        Assert.Equal(new HoconPosition(HoconText.SourceName, line, column), error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Values_RememberWhereTheyStart()
    {
        var text = "jido {\n  sessions {\n    idle-timeout = 30s\n  }\n}";

        var values = HoconFlattener.Flatten(HoconText.Resolve(text));

        Assert.Equal(new HoconPosition(HoconText.SourceName, 3, 20), values["jido:sessions:idle-timeout"].Position);
    }

    private static HoconScalarKind Kind(HoconObject root, string key) =>
        Assert.IsType<HoconScalar>(root.Fields[key]).Kind;
}
