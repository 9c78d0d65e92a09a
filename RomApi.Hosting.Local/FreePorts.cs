using System.Net;
using System.Net.Sockets;

namespace RomApi.Hosting.Local;

/// <summary>
/// Free ports for the servers of one AppHost that bind their ports themselves (no DCP proxy in front): the gateway and its
/// management port, PostgreSQL, Redis, the dashboard. A port is checked free by binding it and letting it go, and the server binds
/// it seconds later. Meanwhile the kernel may give the same port to someone else: a port found by binding port 0 comes from the
/// ephemeral range, which the kernel also hands to every outgoing connection (a test run's clients took a gateway's port that way,
/// "address already in use"), so ports are drawn at random below that range, where only another listener can take them. The ports
/// already handed out are remembered and never given twice.
/// </summary>
public sealed class FreePorts
{
    private const int LowestDrawn = 10_000;
    private const int Attempts = 200;
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _gate = new();
    private readonly (int Low, int High)? _drawnFrom = BelowEphemeralRange();

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

    /// <summary>
    /// The port asked for, or for 0 a free one that this AppHost has not handed out before: below the ephemeral range where there
    /// is room, else (no such room, or none free after many draws) one the kernel picks.
    /// </summary>
    public int PortOrFree(int port)
    {
        if (port != 0)
        {
            return port;
        }
        lock (_gate)
        {
            if (_drawnFrom is var (low, high))
            {
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var drawn = Random.Shared.Next(low, high + 1);
                    if (!_handedOut.Contains(drawn) && IsFree(drawn))
                    {
                        _handedOut.Add(drawn);
                        return drawn;
                    }
                }
            }
            while (true)
            {
                var picked = Bind(0);
                if (picked is { } free && _handedOut.Add(free))
                {
                    return free;
                }
            }
        }
    }

    /// <summary>The ports below the kernel's ephemeral range (Linux says it in /proc; elsewhere it starts at 49152 or above).</summary>
    internal static (int Low, int High)? BelowEphemeralRange()
    {
        var ephemeralLow = 49_152;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }
        return ephemeralLow - 1 - LowestDrawn >= 1_000 ? (LowestDrawn, ephemeralLow - 1) : null;
    }

    private static bool IsFree(int port) => Bind(port) is not null;

    private static int? Bind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
