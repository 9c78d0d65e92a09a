namespace RomApi.ResourceService.Categories;

/// <summary>Turns the flat rows into the nested tree; a row whose parent is missing becomes a root rather than vanishing.</summary>
public static class CategoryNesting
{
    public static IReadOnlyList<CategoryDto> Build(IReadOnlyList<CategoryDto> rows)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var byParent = rows
            .Where(r => r.ParentId is { } parent && ids.Contains(parent))
            .ToLookup(r => r.ParentId!.Value);

        IReadOnlyList<CategoryDto> ChildrenOf(Guid id, int depth) =>
            depth > 32 ? [] : byParent[id].Select(child => child with { Children = ChildrenOf(child.Id, depth + 1) }).ToList();

        return rows
            .Where(r => r.ParentId is not { } parent || !ids.Contains(parent))
            .Select(root => root with { Children = ChildrenOf(root.Id, 1) })
            .ToList();
    }
}
