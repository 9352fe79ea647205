namespace Acme.SupportDesk.Tests;

/// <summary>The README quotes <see cref="SupportDeskTests"/> and its actor verbatim, so the example cannot rot.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Readme_QuotesTheSupportDeskExampleVerbatim()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "JidoSessions.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(root.FullName, "tests/TestKit.Tests/SupportDeskTests.cs")).ReplaceLineEndings("\n");

        var actor = Between(source, "public sealed class SupportDesk : ReceiveActor", "\n}\n");
        var test = source[source.IndexOf("public sealed class SupportDeskTests", StringComparison.Ordinal)..].TrimEnd();
        Assert.Contains(actor, readme, StringComparison.Ordinal);
        Assert.Contains(test, readme, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..(to + end.Length)];
    }
}
