namespace RomApi.Gateway.Downstream;

public static class DownstreamHealthExtensions
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>One health check per downstream service, named after it, over a plain HttpClient.</summary>
    public static IHostApplicationBuilder AddDownstreamHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<DownstreamHealthOptions>(DownstreamHealthOptions.SectionName);

        // A probe must report what it sees: no retries, no hedging, no circuit breaker from the service defaults.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is exactly what a probe needs.
        builder.Services.AddHttpClient(DownstreamHealthCheck.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        foreach (var service in DownstreamServices.All)
        {
            var replicas = ServiceReplicas.Of(builder.Configuration, service.Name);
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                service.Name,
                services => new DownstreamHealthCheck(
                    service.Name,
                    replicas,
                    services.GetRequiredService<IHttpClientFactory>(),
                    services.GetRequiredService<IOptions<DownstreamHealthOptions>>()),
                failureStatus: null,
                tags: null,
                timeout: CheckTimeout));
        }
        return builder;
    }
}
