using RomApi.Hosting.Local;

namespace RomApi.Tests.AppHost;

/// <summary>
/// The kernel may hand a released port out again, so two servers of one AppHost given "a free port" could get the same one and
/// one of them fail to start (CI saw a rehearsal with PostgreSQL and the resource service on one port).
/// </summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Free_ports_handed_out_by_one_AppHost_are_all_different()
    {
        var ports = new FreePorts();

        var handedOut = Enumerable.Range(0, 300).Select(_ => ports.PortOrFree(0)).ToList();

        Assert.Equal(handedOut.Count, handedOut.Distinct().Count());
        Assert.All(handedOut, port => Assert.InRange(port, 1024, 65535));
    }

    [Fact]
    public void Free_ports_are_drawn_below_the_range_the_kernel_gives_to_outgoing_connections()
    {
        // An outgoing connection could otherwise take a port between its check and the server's bind (a gateway failed to start
        // with "address already in use" in a test run).
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);
        var ports = new FreePorts();

        var handedOut = Enumerable.Range(0, 50).Select(_ => ports.PortOrFree(0)).ToList();

        Assert.All(handedOut, port => Assert.InRange(port, 10_000, ephemeralLow - 1));
    }

    [Fact]
    public void A_port_asked_for_is_kept_as_it_is()
    {
        Assert.Equal(8080, new FreePorts().PortOrFree(8080));
    }

    [Fact]
    public void An_AppHost_builder_keeps_one_record_of_its_ports()
    {
        var builder = DistributedApplication.CreateBuilder();

        Assert.Same(FreePorts.Of(builder), FreePorts.Of(builder));
    }
}
