using System.Globalization;

namespace RomApi.ResourceService.ApiResources;

/// <summary>Paging bounds of the resource list, and how long a public read may be shared (configuration section "ApiResources").</summary>
public sealed class ApiResourcesOptions
{
    public const string SectionName = "ApiResources";

    public int DefaultLimit { get; set; } = 20;
    public int MaxLimit { get; set; } = 100;

    /// <summary>Deeper pages are refused: an OFFSET that large costs the database a scan for nothing a client needs.</summary>
    public int MaxOffset { get; set; } = 100_000;

    /// <summary>
    /// How long the gateway may serve a shared copy of a public read by id or slug, or of a public list page
    /// (<see cref="SharedAnswer.MaxAgeHeader"/>); the change feed evicts a copy as soon as its resource (for a list page: any
    /// resource) changes, so this only bounds one whose eviction was missed. Zero shares nothing.
    /// </summary>
    public TimeSpan SharedMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The header's value: whole seconds.</summary>
    public string SharedMaxAgeText => ((long)SharedMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
