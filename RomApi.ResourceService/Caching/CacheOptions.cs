namespace RomApi.ResourceService.Caching;

/// <summary>Configuration section "Cache": how long each kind of entry lives.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    public TimeSpan ResourceTtl { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan CategoryTtl { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ListTtl { get; set; } = TimeSpan.FromSeconds(30);
}
