using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconTokenizerTests
{
    private static List<HoconToken> Tokens(string text) =>
        [.. HoconTokenizer.Tokenize(text, "t.conf").Where(token => token.Kind != HoconTokenKind.Whitespace)];

    [Fact]
    public void Tokenize_Punctuation_ProducesOneTokenPerSymbol()
    {
        var text = "{ } [ ] , : = +=";

        var kinds = Tokens(text).Select(token => token.Kind);

        Assert.Equal(
            [
                HoconTokenKind.OpenBrace, HoconTokenKind.CloseBrace, HoconTokenKind.OpenBracket, HoconTokenKind.CloseBracket,
                HoconTokenKind.Comma, HoconTokenKind.Colon, HoconTokenKind.Equals, HoconTokenKind.PlusEquals, HoconTokenKind.End,
            ],
            kinds);
    }

    [Theory]
    [InlineData("a # comment\nb")]
    [InlineData("a // comment\nb")]
    public void Tokenize_Comment_IsDroppedButItsNewlineKept(string text)
    {
        var tokens = Tokens(text);

        Assert.Equal(["a", "\n", "b", ""], tokens.Select(token => token.Text));
        Assert.Equal(HoconTokenKind.Newline, tokens[1].Kind);
    }

    [Fact]
    public void Tokenize_QuotedStringWithJsonEscapes_DecodesThem()
    {
        var text = """ "a\"b\\c\/d\n\t\u00e9" """;

        var token = Tokens(text)[0];

        Assert.Equal(HoconTokenKind.Quoted, token.Kind);
        Assert.Equal("a\"b\\c/d\n\té", token.Text);
    }

    [Fact]
    public void Tokenize_TripleQuotedString_KeepsNewlinesAndBackslashesRaw()
    {
        var text = "\"\"\"line1\n\\n \"quoted\"\"\"\"";

        var token = Tokens(text)[0];

        Assert.Equal("line1\n\\n \"quoted\"", token.Text);
    }

    [Fact]
    public void Tokenize_Substitution_CarriesPathAndOptionalFlag()
    {
        var text = "${a.\"b.c\".d} ${?HOME}";

        var tokens = Tokens(text);

        Assert.Equal(["a", "b.c", "d"], tokens[0].SubstitutionPath);
        Assert.False(tokens[0].IsOptionalSubstitution);
        Assert.Equal(["HOME"], tokens[1].SubstitutionPath);
        Assert.True(tokens[1].IsOptionalSubstitution);
    }

    [Fact]
    public void Tokenize_UnquotedText_StopsAtCommentAndForbiddenCharacters()
    {
        var text = "foo.bar-1/2//x";

        var tokens = Tokens(text);

        Assert.Equal("foo.bar-1/2", tokens[0].Text);
        Assert.Equal(HoconTokenKind.End, tokens[1].Kind);
    }

    [Fact]
    public void Tokenize_NumberWithExponentSign_StaysOneToken()
    {
        var text = "1e+5";

        var tokens = Tokens(text);

        Assert.Equal("1e+5", tokens[0].Text);
    }

    [Fact]
    public void Tokenize_Tokens_RecordOneBasedLineAndColumn()
    {
        var text = "a = 1\n  bb = \"x\"";

        var bb = Tokens(text).Single(token => token.Text == "bb");

        Assert.Equal(new HoconPosition("t.conf", 2, 3), bb.Position);
    }

    [Fact]
    public void Tokenize_ByteOrderMark_IsSkipped()
    {
        var text = "\uFEFFa";

        var tokens = Tokens(text);

        Assert.Equal("a", tokens[0].Text);
        Assert.Equal(1, tokens[0].Position.Column);
    }

    [Theory]
    [InlineData("a = b?", 1, 6, "reserved character '?'")]
    [InlineData("a = \"abc", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"\"\"abc", 1, 5, "unterminated triple-quoted string")]
    [InlineData("x\na = \"\\q\"", 2, 6, "invalid escape")]
    [InlineData("a = \"\\u12\"", 1, 6, "four hex digits")]
    [InlineData("a = ${b", 1, 8, "in substitution")]
    [InlineData("a = ${}", 1, 5, "expected a path")]
    public void Tokenize_InvalidText_ThrowsWithPosition(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<HoconParseException>(() => HoconTokenizer.Tokenize(text, "t.conf"));

        Assert.Equal(new HoconPosition("t.conf", line, column), error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
