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
        var ports = FreePorts.Of(builder);
        var dashboardPort = configuration.GetValue("AppHost:DashboardPort", DefaultDashboardPort);
        if (string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            configuration["ASPNETCORE_URLS"] = $"http://localhost:{ports.PortOrFree(dashboardPort)}";
        }
        if (string.IsNullOrEmpty(configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"]))
        {
            // OTLP over gRPC, one port above the dashboard's, as in Aspire's own templates (18888 and 18889).
            configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{ports.PortOrFree(dashboardPort == 0 ? 0 : dashboardPort + 1)}";
        }
        if (string.IsNullOrEmpty(configuration["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"]))
        {
            // The dashboard's own feed of resources from the AppHost; nobody else calls it, so any free port.
            configuration["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{ports.PortOrFree(0)}";
        }
        return builder;
    }

    /// <summary>The gateway's operator port: <c>AppHost:ManagementPort</c> (a free one by default) in run mode, 8081 in a deploy.</summary>
    public static int ManagementPort(this IDistributedApplicationBuilder builder) => builder.ExecutionContext.IsPublishMode
        ? 8081
        : FreePorts.Of(builder).PortOrFree(builder.Configuration.GetValue("AppHost:ManagementPort", 0));

    /// <summary>The gateway's public port: <c>AppHost:GatewayPort</c> (8080 by default; 0 for a free one).</summary>
    public static int GatewayPort(this IDistributedApplicationBuilder builder) =>
        FreePorts.Of(builder).PortOrFree(builder.Configuration.GetValue("AppHost:GatewayPort", DefaultGatewayPort));

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
}
