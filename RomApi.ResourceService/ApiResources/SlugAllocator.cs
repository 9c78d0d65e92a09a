namespace RomApi.ResourceService.ApiResources;

/// <summary>
/// Unique slugs from names: "Café Étoile" -> "cafe-etoile", then "cafe-etoile-2", "-3"... Call inside the write lock.
/// One query finds every slug already derived from the batch's bases; a second catches literal names like "x-2".
/// </summary>
public static class SlugAllocator
{
    public const string Fallback = "resource";
    private const int MaxRounds = 8;

    public static string BaseOf(string name) => TextFolding.Slugify(name) is { Length: > 0 } slug ? slug : Fallback;

    /// <summary>A slug for each base, in order (bases may repeat).</summary>
    public static async Task<string[]> AllocateAsync(ResourceDbContext db, IReadOnlyList<string> bases, CancellationToken cancellationToken)
    {
        var distinct = bases.Distinct().ToArray();
        // Two index look-ups rather than one OR, which PostgreSQL would answer with a scan of the table.
        var taken = (await db.ApiResources.AsNoTracking()
                .Where(r => distinct.Contains(r.SlugBase))
                .Select(r => r.Slug)
                .Union(db.ApiResources.Where(r => distinct.Contains(r.Slug)).Select(r => r.Slug))
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var nextSuffix = new Dictionary<string, int>(StringComparer.Ordinal);
        var slugs = new string[bases.Count];
        var pending = Enumerable.Range(0, bases.Count).ToList();

        for (var round = 0; pending.Count > 0; round++)
        {
            if (round == MaxRounds)
            {
                throw new InvalidOperationException("Could not allocate unique slugs.");
            }
            foreach (var index in pending)
            {
                slugs[index] = Next(bases[index], taken, nextSuffix);
            }
            var candidates = pending.Select(index => slugs[index]).ToArray();
            var clashes = (await db.ApiResources.AsNoTracking()
                    .Where(r => candidates.Contains(r.Slug))
                    .Select(r => r.Slug)
                    .ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            taken.UnionWith(clashes);
            pending = pending.Where(index => clashes.Contains(slugs[index])).ToList();
        }
        return slugs;
    }

    private static string Next(string slugBase, HashSet<string> taken, Dictionary<string, int> nextSuffix)
    {
        var candidate = slugBase;
        var suffix = nextSuffix.GetValueOrDefault(slugBase, 2);
        while (!taken.Add(candidate))
        {
            candidate = $"{slugBase}-{suffix++}";
        }
        nextSuffix[slugBase] = suffix;
        return candidate;
    }
}
