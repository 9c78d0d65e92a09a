using System.Linq.Expressions;

namespace RomApi.ResourceService.BulkImport;

/// <summary>Finds the rows items refer to: by externalId when given; in upsert mode else by slug (requested, or the name's).</summary>
public static class ExistingResourceMatcher
{
    public static async Task MatchAsync(ResourceDbContext db, List<ImportItem> items, bool upsert, CancellationToken cancellationToken)
    {
        var externalIds = items.Where(i => i.Fields.ExternalId is not null).Select(i => i.Fields.ExternalId!).ToArray();
        var slugKeys = items.Where(i => i.Fields.ExternalId is null && (upsert || i.Fields.RequestedSlug is not null))
            .Select(i => i.SlugKey).Distinct().ToArray();
        if (externalIds.Length == 0 && slugKeys.Length == 0)
        {
            return;
        }
        // Two index look-ups rather than one OR, which PostgreSQL would answer with a scan of the table.
        var existing = (await LoadAsync(db, r => r.ExternalId != null && externalIds.Contains(r.ExternalId), externalIds.Length, cancellationToken))
            .Concat(await LoadAsync(db, r => slugKeys.Contains(r.Slug), slugKeys.Length, cancellationToken))
            .DistinctBy(r => r.Id)
            .ToList();
        var byExternalId = existing.Where(r => r.ExternalId is not null).ToDictionary(r => r.ExternalId!, StringComparer.Ordinal);
        var bySlug = existing.ToDictionary(r => r.Slug, StringComparer.Ordinal);
        // A row is updated by one item at most; a later item with the same name becomes a new resource.
        var claimed = new HashSet<Guid>();
        foreach (var item in items)
        {
            var match = item.Fields.ExternalId is { } externalId
                ? byExternalId.GetValueOrDefault(externalId)
                : bySlug.GetValueOrDefault(item.SlugKey);
            item.Existing = match is not null && claimed.Add(match.Id) ? match : null;
        }
    }

    private static async Task<List<ApiResource>> LoadAsync(ResourceDbContext db, Expression<Func<ApiResource, bool>> match, int keys,
        CancellationToken cancellationToken) =>
        keys == 0
            ? []
            : await db.ApiResources.AsNoTracking()
                .Where(r => r.DeletedAt == null).Where(match)
                .Include(r => r.Hours).Include(r => r.Images)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
}
