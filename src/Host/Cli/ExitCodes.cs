namespace JidoSessions.Host.Cli;

/// <summary>Process exit codes of the <c>jido</c> executable.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A request failed (the server refused it or could not be reached).</summary>
    public const int RequestFailed = 1;

    /// <summary>The configuration or the command line is invalid; nothing was started.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The host failed to start (storage, port, backend).</summary>
    public const int StartFailed = 3;
}
