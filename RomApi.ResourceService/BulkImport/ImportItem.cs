namespace RomApi.ResourceService.BulkImport;

/// <summary>One valid item of an import: its place in the request, its normalized fields, and the row it updates, if any.</summary>
public sealed record ImportItem(int Index, ResourceFields Fields)
{
    public ApiResource? Existing { get; set; }

    /// <summary>The slug this item is matched by in upsert mode: the requested one, or the one its name folds to.</summary>
    public string SlugKey => Fields.RequestedSlug ?? SlugAllocator.BaseOf(Fields.Name);
}
