namespace RomApi.ResourceService.BulkImport;

/// <summary>Gives every new resource its slug: the requested one, else a free one from its base, allocated for all at once.</summary>
public static class ImportSlugs
{
    public static async Task AssignAsync(ResourceDbContext db, ImportPlan plan, CancellationToken cancellationToken)
    {
        var (creates, requested) = (plan.Creates, plan.RequestedSlugs);
        var generated = Enumerable.Range(0, creates.Count).Where(i => requested[i] is null).ToList();
        var slugs = await SlugAllocator.AllocateAsync(db, generated.Select(i => creates[i].SlugBase).ToList(), cancellationToken);
        for (var n = 0; n < generated.Count; n++)
        {
            creates[generated[n]].Slug = slugs[n];
        }
        for (var i = 0; i < creates.Count; i++)
        {
            if (requested[i] is { } slug)
            {
                creates[i].Slug = slug;
            }
        }
    }
}
