namespace RomApi.ResourceService.BulkImport;

/// <summary>
/// The rows an import writes: <see cref="Creates"/> (slugs not yet given where none was requested; <see cref="RequestedSlugs"/> in
/// the same order) and <see cref="Updates"/> (existing rows with the items' fields applied and their version bumped).
/// </summary>
public sealed record ImportPlan(List<ApiResource> Creates, List<string?> RequestedSlugs, List<ApiResource> Updates);

/// <summary>Turns matched items into new and updated rows, refusing what the mode or the caller's rights do not allow.</summary>
public static class ImportPlanner
{
    public static ImportPlan Plan(List<ImportItem> items, ImportSettings settings, PlatformIdentity caller, DateTimeOffset now, List<IngestError> errors)
    {
        var plan = new ImportPlan([], [], []);
        foreach (var item in items)
        {
            if (item.Existing is not { } existing)
            {
                plan.Creates.Add(NewResource(item.Fields, caller, settings.Publish, now));
                plan.RequestedSlugs.Add(item.Fields.RequestedSlug);
            }
            else if (!settings.Upsert)
            {
                errors.Add(new IngestError(item.Index, ErrorCodes.Conflict, "A resource with this externalId or slug exists (use mode upsert).",
                    item.Fields.ExternalId is null ? "slug" : "externalId"));
            }
            else if (!caller.CanChange(existing.UserId))
            {
                errors.Add(new IngestError(item.Index, ErrorCodes.Forbidden, "Only the owner or an admin may update this resource."));
            }
            else
            {
                item.Fields.ApplyTo(existing);
                existing.Version++;
                existing.UpdatedAt = now;
                Publish(existing, settings.Publish, now);
                plan.Updates.Add(existing);
            }
        }
        return plan;
    }

    private static ApiResource NewResource(ResourceFields fields, PlatformIdentity caller, bool publish, DateTimeOffset now)
    {
        var resource = new ApiResource
        {
            Id = Guid.CreateVersion7(now),
            Name = fields.Name,
            Slug = "",
            SlugBase = fields.RequestedSlug ?? SlugAllocator.BaseOf(fields.Name),
            UserId = caller.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        fields.ApplyTo(resource);
        Publish(resource, publish, now);
        return resource;
    }

    private static void Publish(ApiResource resource, bool publish, DateTimeOffset now)
    {
        if (publish)
        {
            resource.Status = ResourceStatus.Active;
            resource.PublishedAt ??= now;
        }
    }
}
