using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace RomApi.Hosting.Local;

/// <summary>
/// The local contract scripts rely on, read from the <c>AppHost</c> configuration section (environment <c>AppHost__*</c>):
/// the gateway's and the dashboard's ports and the data folder that stands in for container volumes in run mode.
/// </summary>
public static class LocalSettingsExtensions
{
    public const int DefaultGatewayPort = 8080;
    public const int DefaultDashboardPort = 18888;

    /// <summary>Maps <c>AppHost:DashboardPort</c> onto the settings Aspire's dashboard reads (unless they are set already).</summary>
    public static IDistributedApplicationBuilder UseLocalDashboardPorts(this IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dashboardPort = configuration.GetValue("AppHost:DashboardPort", DefaultDashboardPort);
        if (string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            configuration["ASPNETCORE_URLS"] = $"http://localhost:{PortOrFree(dashboardPort)}";
        }
        if (string.IsNullOrEmpty(configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"]))
        {
            // OTLP over gRPC, one port above the dashboard's, as in Aspire's own templates (18888 and 18889).
            configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{PortOrFree(dashboardPort == 0 ? 0 : dashboardPort + 1)}";
        }
        if (string.IsNullOrEmpty(configuration["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"]))
        {
            // The dashboard's own feed of resources from the AppHost; nobody else calls it, so any free port.
            configuration["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{PortOrFree(0)}";
        }
        return builder;
    }

    /// <summary>The gateway's operator port: <c>AppHost:ManagementPort</c> (a free one by default) in run mode, 8081 in a deploy.</summary>
    public static int ManagementPort(this IDistributedApplicationBuilder builder) => builder.ExecutionContext.IsPublishMode
        ? 8081
        : PortOrFree(builder.Configuration.GetValue("AppHost:ManagementPort", 0));

    public static int GatewayPort(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue("AppHost:GatewayPort", DefaultGatewayPort);

    /// <summary>
    /// One folder per AppHost checkout, kept across runs. As root it lives under /var/lib/romapi, which the postgres user can
    /// enter (a folder under /root cannot be); otherwise under the user's XDG data folder.
    /// </summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["AppHost:DataDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        var appHostDirectory = builder.AppHostDirectory;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(appHostDirectory))))[..10];
        var name = $"{new DirectoryInfo(appHostDirectory).Name.ToLowerInvariant()}-{key}";
        if (Environment.IsPrivilegedProcess)
        {
            return Path.Combine("/var/lib/romapi", name);
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, "romapi", name);
    }

    /// <summary>A port for a local server that binds it itself (no DCP proxy in front): the one asked for, or a free one for 0.</summary>
    public static int PortOrFree(int port)
    {
        if (port != 0)
        {
            return port;
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
