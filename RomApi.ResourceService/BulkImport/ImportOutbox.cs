using RomApi.Contracts.Changes;
using RomApi.ResourceService.ApiResources;
using RomApi.ResourceService.Categories;
using RomApi.ResourceService.ChangeFeed;
using RomApi.ResourceService.Data;

namespace RomApi.ResourceService.BulkImport;

/// <summary>A written resource and its API view (what the change feed's snapshot and, for updates, the cache are made of).</summary>
public sealed record ImportSnapshot(ApiResource Resource, ApiResourceDto View);

/// <summary>The views of an import's rows, and the outbox rows that carry them to the change feed.</summary>
public static class ImportOutbox
{
    /// <summary>Updates first, then creates: the cache takes the first <see cref="ImportPlan.Updates"/>.Count of them.</summary>
    public static List<ImportSnapshot> Snapshots(ImportPlan plan, CategoryIndex categories) =>
        plan.Updates.Concat(plan.Creates)
            .Select(r => new ImportSnapshot(r, r.ToDto(Summary(categories, r.CategoryId))))
            .ToList();

    /// <summary>Each row's snapshot, serialized once for the outbox.</summary>
    public static List<ResourceChange> Changes(List<ImportSnapshot> snapshots, DateTimeOffset now) =>
        snapshots.Select(s => new ResourceChange
        {
            Type = s.Resource.Version == 1 ? ChangeType.Created : ChangeType.Updated,
            ResourceId = s.Resource.Id,
            OccurredAt = now,
            Resource = OutboxSnapshot.Serialize(s.View),
        }).ToList();

    private static CategorySummaryDto? Summary(CategoryIndex categories, Guid? id) =>
        id is { } categoryId && categories.Find(categoryId) is { } c ? new CategorySummaryDto(c.Id, c.Name, c.Slug) : null;
}
