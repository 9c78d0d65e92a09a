namespace RomApi.ResourceService.Enrichment;

/// <summary>Configuration section "Enrichment".</summary>
public sealed class EnrichmentOptions
{
    public const string SectionName = "Enrichment";

    /// <summary>The GeoNames gazetteer (JSON Lines); relative paths start at the service's build output.</summary>
    public string GazetteerPath { get; set; } = "Enrichment/Data/cm-places.jsonl";
}
