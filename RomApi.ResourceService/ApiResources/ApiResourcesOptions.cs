namespace RomApi.ResourceService.ApiResources;

/// <summary>Paging bounds of the resource list (configuration section "ApiResources").</summary>
public sealed class ApiResourcesOptions
{
    public const string SectionName = "ApiResources";

    public int DefaultLimit { get; set; } = 20;
    public int MaxLimit { get; set; } = 100;

    /// <summary>Deeper pages are refused: an OFFSET that large costs the database a scan for nothing a client needs.</summary>
    public int MaxOffset { get; set; } = 100_000;
}
