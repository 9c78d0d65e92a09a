namespace RomApi.ResourceService.ApiResources;

/// <summary>Paging bounds of the resource list (configuration section "ApiResources").</summary>
public sealed class ApiResourcesOptions
{
    public const string SectionName = "ApiResources";

    public int DefaultLimit { get; set; } = 20;
    public int MaxLimit { get; set; } = 100;
}
