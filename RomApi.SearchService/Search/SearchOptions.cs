namespace RomApi.SearchService.Search;

/// <summary>Bounds of the search endpoints (configuration section "Search").</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    public int MaxQueryLength { get; set; } = 500;
    public int DefaultLimit { get; set; } = 20;
    public int MaxLimit { get; set; } = 100;

    /// <summary>Deep pages cost the index offset+limit hits; past this callers should narrow the query.</summary>
    public int MaxOffset { get; set; } = 10_000;

    public double MaxRadiusKm { get; set; } = 20_000;

    public int MaxSuggestLength { get; set; } = 100;
    public int DefaultSuggestLimit { get; set; } = 10;
    public int MaxSuggestLimit { get; set; } = 20;
}
