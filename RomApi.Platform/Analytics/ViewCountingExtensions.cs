using Microsoft.Extensions.Options;
using RomApi.Contracts;
using RomApi.Platform.Auth;
using RomApi.Platform.Configuration;

namespace RomApi.Platform.Analytics;

public static class ViewCountingExtensions
{
    /// <summary>
    /// The VIEW recorder and its sender to analytics (configuration section "Views"), for a process that answers reads by id or
    /// slug: the resource service, and the gateway for the reads its response cache answers. <paramref name="dropped"/> is the
    /// process's own metric of reads not counted because the queue was full.
    /// </summary>
    public static IHostApplicationBuilder AddViewCounting(
        this IHostApplicationBuilder builder, string serviceName, Func<IServiceProvider, Action> dropped)
    {
        builder.Services.AddSettings<ViewOptions>(ViewOptions.SectionName);
        builder.Services.AddSingleton(services => new ViewRecorder(
            services.GetRequiredService<IOptions<ViewOptions>>(), services.GetRequiredService<TimeProvider>(), dropped(services)));
        builder.Services.AddHostedService(services => new ViewEventSender(
            serviceName,
            services.GetRequiredService<ViewRecorder>(),
            services.GetRequiredService<IHttpClientFactory>(),
            services.GetRequiredService<PlatformTokenService>(),
            services.GetRequiredService<IOptions<ViewOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<ViewEventSender>>()));
        builder.Services.AddHttpClient(ViewEventSender.HttpClientName, client =>
            client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.AnalyticsService));
        return builder;
    }
}
