namespace RomApi.Gateway.UsageEvents;

public static class UsageExtensions
{
    public static IHostApplicationBuilder AddUsageReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<UsageOptions>(UsageOptions.SectionName);
        builder.Services.AddSingleton<UsageBuffer>();
        // The sender retries on its own terms (it holds the batch); the default handler's retries would only stack on top.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        builder.Services.AddHttpClient(UsageSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHostedService<UsageSender>();
        return builder;
    }
}
