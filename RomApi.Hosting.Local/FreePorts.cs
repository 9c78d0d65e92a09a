using System.Net;
using System.Net.Sockets;

namespace RomApi.Hosting.Local;

/// <summary>
/// Free ports for the servers of one AppHost that bind their ports themselves (no DCP proxy in front): the gateway and its
/// management port, PostgreSQL, Redis, the dashboard. A free port is found by binding port 0 and letting it go; the server binds
/// it seconds later, and meanwhile the kernel may hand the same port out again, so two of this AppHost's servers could get the
/// same one (one of them then fails to start). The ports already handed out are remembered and never given twice.
/// </summary>
public sealed class FreePorts
{
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _gate = new();

    /// <summary>The one kept for <paramref name="builder"/> (registered in its services the first time).</summary>
    public static FreePorts Of(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.FirstOrDefault(service => service.ServiceType == typeof(FreePorts))?.ImplementationInstance is FreePorts known)
        {
            return known;
        }
        var ports = new FreePorts();
        builder.Services.AddSingleton(ports);
        return ports;
    }

    /// <summary>The port asked for, or for 0 a free one that this AppHost has not handed out before.</summary>
    public int PortOrFree(int port)
    {
        if (port != 0)
        {
            return port;
        }
        lock (_gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var free = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (_handedOut.Add(free))
                {
                    return free;
                }
            }
        }
    }
}
