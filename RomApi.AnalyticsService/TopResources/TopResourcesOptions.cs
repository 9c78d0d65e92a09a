namespace RomApi.AnalyticsService.TopResources;

/// <summary>Defaults and bounds of the top list (configuration section "TopResources").</summary>
public sealed class TopResourcesOptions
{
    public const string SectionName = "TopResources";

    public int DefaultLimit { get; set; } = 10;
    public int MaxLimit { get; set; } = 100;
    public string DefaultPeriod { get; set; } = "7d";
    public int MaxPeriodDays { get; set; } = 366;
}
