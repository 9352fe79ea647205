namespace JidoSessions.Host.Tests.Support;

/// <summary>A bound on how long one test waits for something that should happen promptly.</summary>
internal static class TestTimeout
{
    public static CancellationToken Token(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
