namespace RomApi.ResourceService.BulkImport;

/// <summary>A written resource and its API view's JSON, serialized once for the outbox and, for updates, the cache.</summary>
public sealed record ImportSnapshot(ApiResource Resource, byte[] Json);

/// <summary>The views of an import's rows, and the outbox rows that carry them to the change feed.</summary>
public static class ImportOutbox
{
    /// <summary>Updates first, then creates: the cache takes the first <see cref="ImportPlan.Updates"/>.Count of them.</summary>
    public static List<ImportSnapshot> Snapshots(ImportPlan plan, CategoryIndex categories) =>
        plan.Updates.Concat(plan.Creates)
            .Select(r => new ImportSnapshot(r, ContractJson.Serialize(r.ToDto(Summary(categories, r.CategoryId)))))
            .ToList();

    /// <summary>Each row's outbox event, carrying its view's JSON.</summary>
    public static List<ResourceChange> Changes(List<ImportSnapshot> snapshots, DateTimeOffset now) =>
        snapshots.Select(s => new ResourceChange
        {
            Type = s.Resource.Version == 1 ? ChangeType.Created : ChangeType.Updated,
            ResourceId = s.Resource.Id,
            OccurredAt = now,
            Resource = Encoding.UTF8.GetString(s.Json),
        }).ToList();

    private static CategorySummaryDto? Summary(CategoryIndex categories, Guid? id) =>
        id is { } categoryId && categories.Find(categoryId) is { } c ? new CategorySummaryDto(c.Id, c.Name, c.Slug) : null;
}
