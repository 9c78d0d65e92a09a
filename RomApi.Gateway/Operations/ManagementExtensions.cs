using Microsoft.AspNetCore.Hosting;

namespace RomApi.Gateway.Operations;

public static class ManagementExtensions
{
    /// <summary>
    /// The management options, and the management endpoint added to the URLs the gateway listens on when they lack it: its
    /// <see cref="ManagementOptions.Url"/>, or its <see cref="ManagementOptions.Port"/> on the public URL's interfaces. A host that sets
    /// ASPNETCORE_URLS to the public port alone (Aspirate does, overriding HTTP_PORTS) still gets the management listener.
    /// </summary>
    public static WebApplicationBuilder AddManagementEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<ManagementOptions>(ManagementOptions.SectionName);
        var options = builder.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>() ?? new ManagementOptions();
        if (options.EffectivePort is null)
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
            // Without a URL of its own, the management port listens on the public one's interfaces.
            var management = options.Url is { Length: > 0 } url ? url
                : BindingAddress.Parse(urls[0]) is var first ? $"{first.Scheme}://{first.Host}:{options.EffectivePort}" : null;
            builder.WebHost.UseUrls([.. urls, management!]);
        }
        return builder;
    }
}
