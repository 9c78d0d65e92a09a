using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RomApi.Hosting.Orchestration;

internal static class Ports
{
    // Ports are a process-wide resource: several applications started in one process (the test run) must never be handed the
    // same port between its release here and the service binding it, so this process remembers every port it has handed out.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>A port that was free a moment ago on 127.0.0.1 and that this process has not handed out before.</summary>
    public static int GetFree()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
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
