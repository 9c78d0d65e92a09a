using Microsoft.AspNetCore.Hosting;

namespace RomApi.Gateway.Operations;

public static class ManagementSetup
{
    /// <summary>The management options, and the management URL added to the URLs the gateway listens on.</summary>
    public static WebApplicationBuilder AddManagementEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName);
        if (builder.Configuration[$"{ManagementOptions.SectionName}:{nameof(ManagementOptions.Url)}"] is not { Length: > 0 } management)
        {
            return builder;
        }
        // The public URLs as the host gave them (ASPNETCORE_URLS, or HTTP_PORTS in a container), plus the management one:
        // UseUrls replaces the list, it does not add to it.
        var urls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange((builder.Configuration["HTTP_PORTS"] ?? "8080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(port => $"http://*:{port}"));
        }
        builder.WebHost.UseUrls([.. urls, management]);
        return builder;
    }
}
