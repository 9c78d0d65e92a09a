namespace RomApi.ResourceService.Categories;

public sealed record CategorySummary(Guid Id, string Name, string Slug, Guid? ParentId);

/// <summary>Every category by id and by slug (a few hundred rows): resolves references and sub-trees in memory.</summary>
public sealed class CategoryIndex
{
    private readonly Dictionary<Guid, CategorySummary> _byId;
    private readonly Dictionary<string, CategorySummary> _bySlug;
    private readonly ILookup<Guid, CategorySummary> _children;

    private CategoryIndex(IReadOnlyList<CategorySummary> categories)
    {
        _byId = categories.ToDictionary(c => c.Id);
        _bySlug = categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        _children = categories.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
    }

    public static async Task<CategoryIndex> LoadAsync(ResourceDbContext db, CancellationToken cancellationToken) =>
        new(await db.Categories.AsNoTracking()
            .Select(c => new CategorySummary(c.Id, c.Name, c.Slug, c.ParentId))
            .ToListAsync(cancellationToken));

    public CategorySummary? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>By slug; other text is slug-folded first, so "Agence de voyages" finds "agence-de-voyages".</summary>
    public CategorySummary? Find(string slugOrName) =>
        _bySlug.GetValueOrDefault(slugOrName) ?? _bySlug.GetValueOrDefault(TextFolding.Slugify(slugOrName));

    /// <summary>The category and everything below it.</summary>
    public IReadOnlyList<Guid> WithDescendants(Guid id)
    {
        var result = new List<Guid>();
        var pending = new Stack<Guid>([id]);
        while (pending.Count > 0 && result.Count < _byId.Count)
        {
            var next = pending.Pop();
            result.Add(next);
            foreach (var child in _children[next])
            {
                pending.Push(child.Id);
            }
        }
        return result;
    }
}
