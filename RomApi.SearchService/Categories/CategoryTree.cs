namespace RomApi.SearchService.Categories;

/// <summary>The category tree by slug (a few hundred rows): the slugs a category filter covers.</summary>
public sealed class CategoryTree
{
    public static readonly CategoryTree Empty = new([]);

    private readonly Dictionary<string, CategoryDto> _bySlug;
    private readonly ILookup<Guid, CategoryDto> _children;

    public CategoryTree(IReadOnlyList<CategoryDto> categories)
    {
        _bySlug = categories.GroupBy(c => c.Slug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _children = categories.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
    }

    public bool Contains(string slug) => _bySlug.ContainsKey(slug);

    /// <summary>The slug first, then every slug below it; just the slug when the tree does not know it.</summary>
    public IReadOnlyList<string> WithDescendants(string slug)
    {
        var result = new List<string> { slug };
        if (!_bySlug.TryGetValue(slug, out var root))
        {
            return result;
        }
        var seen = new HashSet<Guid> { root.Id };
        var pending = new Stack<Guid>([root.Id]);
        while (pending.Count > 0)
        {
            foreach (var child in _children[pending.Pop()])
            {
                // A cycle cannot be saved by the resource service; the set keeps a bad row from looping anyway.
                if (seen.Add(child.Id))
                {
                    result.Add(child.Slug);
                    pending.Push(child.Id);
                }
            }
        }
        return result;
    }
}
