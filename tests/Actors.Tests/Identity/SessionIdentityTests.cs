using System.Security.Cryptography;
using System.Text;
using JidoSessions.Actors.Identity;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Identity;

public sealed class SessionIdentityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("jido-identity-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Derive_IsSha256OfRealPathModeScopeAndAgent()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;

        var key = SessionIdentity.Derive(repo, "code", "run-1", "reviewer");

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{SessionIdentity.RealPath(repo)}:code:run-1:reviewer")));
        Assert.Equal(expected, key.Value);
        Assert.Equal(64, key.Value.Length);
    }

    [Fact]
    public void Derive_SymlinkedRootAndItsTarget_GiveOneKey()
    {
        var target = Directory.CreateDirectory(Path.Combine(_root, "real")).FullName;
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Equal(SessionIdentity.Derive(target, "code", "scope"), SessionIdentity.Derive(link, "code", "scope"));
        Assert.Equal(SessionIdentity.Derive(target, "code", "scope"), SessionIdentity.Derive(Path.Combine(link, "."), "code", "scope"));
    }

    [Fact]
    public void Derive_DifferentRunsOrAgents_GiveDifferentKeys()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;

        var keys = new[]
        {
            SessionIdentity.Derive(repo, "code", "run-1"),
            SessionIdentity.Derive(repo, "code", "run-2"),
            SessionIdentity.Derive(repo, "code", "run-1", "reviewer"),
            SessionIdentity.Derive(repo, "chat", "run-1"),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(SessionIdentity.Derive(repo, "code", "run-1"), SessionIdentity.Derive(repo, "code", "run-1", "default"));
    }

    [Fact]
    public void Derive_MissingRootOrBlankPart_ThrowsValidation()
    {
        Assert.Throws<ValidationException>(() => SessionIdentity.Derive(Path.Combine(_root, "nope"), "code", "s"));
        Assert.Throws<ValidationException>(() => SessionIdentity.Derive(_root, " ", "s"));
        Assert.Throws<ValidationException>(() => SessionIdentity.Derive(_root, "code", "s", " "));
    }
}
