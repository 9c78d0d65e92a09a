using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RomApi.Gateway.Operations;

namespace RomApi.Tests.Gateway;

/// <summary>
/// Aspirate sets ASPNETCORE_URLS to the public port alone, which overrides HTTP_PORTS: the management port named by
/// Management__Port must still get a listener, as in the cluster.
/// </summary>
public sealed class ManagementListenerTests
{
    private readonly RomApi.Hosting.Local.FreePorts _ports = new();

    [Fact]
    public async Task The_management_port_listens_when_ASPNETCORE_URLS_names_only_the_public_one()
    {
        var publicPort = _ports.PortOrFree(0);
        var managementPort = _ports.PortOrFree(0);
        var builder = WebApplication.CreateBuilder(["--urls", $"http://127.0.0.1:{publicPort};", "--Management:Port", managementPort.ToString()]);
        builder.AddManagementEndpoint();
        await using var app = builder.Build();
        app.MapGet("/", (HttpContext context) => context.Connection.LocalPort.ToString());
        await app.StartAsync();

        using var client = new HttpClient();
        Assert.Equal(publicPort.ToString(), await client.GetStringAsync($"http://127.0.0.1:{publicPort}/"));
        Assert.Equal(managementPort.ToString(), await client.GetStringAsync($"http://127.0.0.1:{managementPort}/"));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_host_that_already_listens_on_the_management_port_is_left_as_it_is()
    {
        var publicPort = _ports.PortOrFree(0);
        var managementPort = _ports.PortOrFree(0);
        var urls = $"http://127.0.0.1:{publicPort};http://127.0.0.1:{managementPort}";
        var builder = WebApplication.CreateBuilder(["--urls", urls, "--Management:Port", managementPort.ToString()]);
        builder.AddManagementEndpoint();
        await using var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();

        Assert.Equal(2, app.Urls.Count);
        using var client = new HttpClient();
        Assert.Equal("ok", await client.GetStringAsync($"http://127.0.0.1:{managementPort}/"));
        await app.StopAsync();
    }
}
