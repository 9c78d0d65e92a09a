using Microsoft.AspNetCore.Hosting;

namespace RomApi.Gateway.Operations;

public static class ManagementSetup
{
    /// <summary>
    /// The management options, and the management endpoint added to the URLs the gateway listens on when they lack it: its
    /// <see cref="ManagementOptions.Url"/>, or any address on its <see cref="ManagementOptions.Port"/>. A host that sets
    /// ASPNETCORE_URLS to the public port alone (Aspirate does, overriding HTTP_PORTS) still gets the management listener.
    /// </summary>
    public static WebApplicationBuilder AddManagementEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName);
        var options = builder.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>() ?? new ManagementOptions();
        var management = options.Url is { Length: > 0 } url ? url : options.Port is { } port ? $"http://*:{port}" : null;
        if (management is null)
        {
            return builder;
        }
        // The URLs as the host gave them (ASPNETCORE_URLS, or HTTP_PORTS in a container): UseUrls replaces the list.
        var urls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange((builder.Configuration["HTTP_PORTS"] ?? "8080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(httpPort => $"http://*:{httpPort}"));
        }
        if (!urls.Any(listening => BindingAddress.Parse(listening).Port == options.EffectivePort))
        {
            builder.WebHost.UseUrls([.. urls, management]);
        }
        return builder;
    }
}
