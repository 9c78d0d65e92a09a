namespace RomApi.ResourceService.Data;

/// <summary>
/// The transactional outbox: one row per change of a resource, written in the same transaction as the change.
/// <see cref="Sequence"/> orders the change feed.
/// </summary>
public sealed class ResourceChange
{
    public long Sequence { get; set; }
    public ChangeType Type { get; set; }
    public Guid ResourceId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>
    /// The resource after the change: its <see cref="Contracts.Resources.ApiResourceDto"/> serialized once with
    /// <see cref="Contracts.ContractJson"/>, handed to the feed as is; null for DELETED.
    /// </summary>
    public string? Resource { get; set; }
}
