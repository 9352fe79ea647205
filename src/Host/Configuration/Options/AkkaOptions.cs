namespace JidoSessions.Host.Configuration.Options;

/// <summary>
/// The <c>akka</c> section: the keys a user changes to run more than one node (remoting address and port, seed
/// nodes, roles), and every other <c>akka.*</c> key passed through to Akka.Hosting unchanged as HOCON.
/// </summary>
public sealed record AkkaOptions
{
    /// <summary><c>akka.remote.dot-netty.tcp.hostname</c>: where this node listens and is reached.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary><c>akka.remote.dot-netty.tcp.port</c>: 0 picks a free port (a single node).</summary>
    public int Port { get; init; }

    /// <summary><c>akka.cluster.seed-nodes</c>: empty = a single-node cluster that joins itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary><c>akka.cluster.roles</c>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Every other <c>akka.*</c> key, as HOCON for Akka.Hosting; null when there are none.</summary>
    public string? Hocon { get; init; }
}
