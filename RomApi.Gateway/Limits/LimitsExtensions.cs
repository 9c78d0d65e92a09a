namespace RomApi.Gateway.Limits;

public static class LimitsExtensions
{
    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<LimitsOptions>(LimitsOptions.SectionName);
        builder.Services.AddSingleton<LocalCounters>();
        builder.Services.AddSingleton<DistributedCounters>();
        builder.Services.AddHostedService<CounterSync>();
        return builder;
    }
}
