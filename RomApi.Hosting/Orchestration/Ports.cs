using System.Net;
using System.Net.Sockets;

namespace RomApi.Hosting.Orchestration;

internal static class Ports
{
    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void EnsureFree(int port, string what, string setting)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            // As Kestrel binds: connections of a previous run lingering in TIME_WAIT do not make the port "in use".
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new DistributedApplicationException(
                $"Port {port} ({what}) is already in use. Stop the program using it (see: ss -ltnp 'sport = :{port}') " +
                $"or choose another port with {setting}=<port> (0 picks a free one).");
        }
    }
}
