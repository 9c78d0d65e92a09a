namespace RomApi.ResourceService.Data;

/// <summary>An image of a resource; at most one per resource is primary (a partial unique index enforces it).</summary>
public sealed class ResourceImage
{
    public Guid Id { get; set; }
    public Guid ResourceId { get; set; }
    public required string Url { get; set; }
    public string? AltText { get; set; }
    public bool IsPrimary { get; set; }
    public int OrderIndex { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
