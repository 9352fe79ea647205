using JidoSessions.Actors.Context;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Context;

public sealed class SessionFileRulesTests
{
    public static TheoryData<string?, string> InvalidPaths => new()
    {
        { null, "must not be empty" },
        { "", "must not be empty" },
        { new string('a', SessionFileRules.MaxPathLength + 1), "at most 1024" },
        { "/etc/passwd", "relative" },
        { "\\server\\share", "relative" },
        { "a\\b.txt", "'/' as the separator" },
        { "../secret", "'..'" },
        { "a/../../b", "'..'" },
        { "a/..", "'..'" },
        { "a//b", "empty" },
        { "a/", "empty" },
        { "./a", "'.'" },
        { "a\u0000b", "control" },
        { "a\nb", "control" },
    };

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public void Validate_InvalidPath_NamesPathAndSaysWhy(string? path, string expected)
    {
        var error = SessionFileRules.Validate(new SessionFile(path!, "content"));

        Assert.NotNull(error);
        Assert.Equal(["path"], error.Errors.Keys);
        Assert.Contains(expected, error.Errors["path"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("README.md")]
    [InlineData("src/app/main.cs")]
    [InlineData(".env")]
    [InlineData("dir/..hidden")]
    [InlineData("with space/ünïcødé.txt")]
    public void Validate_ValidPath_ReturnsNull(string path) =>
        Assert.Null(SessionFileRules.Validate(new SessionFile(path, "content")));

    [Fact]
    public void Validate_PathOfExactlyMaxLength_ReturnsNull() =>
        Assert.Null(SessionFileRules.Validate(new SessionFile(new string('a', SessionFileRules.MaxPathLength), "")));

    [Fact]
    public void Validate_ContentOverLimitInUtf8Bytes_NamesContent()
    {
        var content = new string('é', (SessionFileRules.MaxContentBytes / 2) + 1);

        var error = SessionFileRules.Validate(new SessionFile("a.txt", content));

        Assert.Equal(["content"], error!.Errors.Keys);
    }

    [Fact]
    public void Validate_TooManyMetadataEntries_NamesMetadata()
    {
        var metadata = Enumerable.Range(0, SessionFileRules.MaxMetadataEntries + 1).ToDictionary(i => $"k{i}", i => "v");

        var error = SessionFileRules.Validate(new SessionFile("a.txt", "x", metadata));

        Assert.Equal(["metadata"], error!.Errors.Keys);
    }
}
