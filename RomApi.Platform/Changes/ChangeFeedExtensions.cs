using Microsoft.Extensions.Http.Resilience;
using RomApi.Contracts;
using RomApi.Platform.Auth;

namespace RomApi.Platform.Changes;

public static class ChangeFeedExtensions
{
    /// <summary>
    /// <see cref="ChangeFeedClient"/> for a follower of the resource service's change feed, calling as <paramref name="serviceName"/>.
    /// No resilience handler: a follower's loop is the retry (a read that fails is read again at its next pass), and the
    /// handler's own log lines (an Information line per attempt, a warning per retry while the resource service starts) would be
    /// most of what a follower logs.
    /// </summary>
    public static IHostApplicationBuilder AddChangeFeedClient(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton(services => new ChangeFeedClient(
            serviceName, services.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<PlatformTokenService>()));
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        builder.Services.AddHttpClient(ChangeFeedClient.HttpClientName, client =>
        {
            client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.ResourceService);
            client.Timeout = TimeSpan.FromSeconds(30);
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
