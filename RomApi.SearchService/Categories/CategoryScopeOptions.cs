namespace RomApi.SearchService.Categories;

/// <summary>Configuration section "Categories": where the category tree comes from and how long a copy is trusted.</summary>
public sealed class CategoryScopeOptions
{
    public const string SectionName = "Categories";

    /// <summary>A moved or new sub-category shows in category filters within this time (sooner when a resource of it is indexed).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a failed read, searches use the exact slug only (or the last tree) for this long before trying again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
