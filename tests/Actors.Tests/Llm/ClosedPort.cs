using System.Net;
using System.Net.Sockets;

namespace JidoSessions.Actors.Tests.Llm;

internal static class ClosedPort
{
    // A loopback port nothing listens on (it was free a moment ago), for "connection refused".
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
