namespace RomApi.ResourceService.Caching;

/// <summary>
/// The cache updates that could not reach Redis (down, or failing): which resource entries and slugs to drop and whether the list
/// and category namespaces need a new version. Until they are applied no cached entry may be served: a Redis that comes back with
/// its data (a restart that reloads its snapshot, a network partition that heals) would otherwise serve what the lost update was
/// meant to replace, for up to an entry's lifetime. Dropping entries is always safe, so only keys are remembered.
/// </summary>
public sealed class CacheRepairs
{
    /// <summary>Beyond this many distinct resources the oldest lost updates are not remembered (and a warning says so).</summary>
    public const int MaxRemembered = 100_000;

    private readonly Lock _gate = new();
    private HashSet<Guid> _resources = [];
    private HashSet<string> _slugs = new(StringComparer.Ordinal);
    private bool _lists;
    private bool _categories;
    private volatile bool _pending;

    public bool Pending => _pending;

    /// <summary>Whether some lost updates could not be remembered since the last <see cref="Take"/>.</summary>
    public bool Overflowed { get; private set; }

    public void Resources(IEnumerable<Guid> ids) => Change(() => AddBounded(_resources, ids));

    public void Slugs(IEnumerable<string> slugs) => Change(() => AddBounded(_slugs, slugs));

    public void Lists() => Change(() => _lists = true);

    public void Categories() => Change(() => _categories = true);

    /// <summary>Everything pending, now no longer pending; give it back with <see cref="Restore"/> if applying it fails.</summary>
    public PendingRepairs Take()
    {
        lock (_gate)
        {
            var taken = new PendingRepairs(_resources, _slugs, _lists, _categories);
            _resources = [];
            _slugs = new HashSet<string>(StringComparer.Ordinal);
            _lists = _categories = false;
            _pending = false;
            Overflowed = false;
            return taken;
        }
    }

    public void Restore(PendingRepairs repairs)
    {
        Resources(repairs.Resources);
        Slugs(repairs.Slugs);
        if (repairs.Lists)
        {
            Lists();
        }
        if (repairs.Categories)
        {
            Categories();
        }
    }

    private void AddBounded<T>(HashSet<T> remembered, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            if (remembered.Count >= MaxRemembered && !remembered.Contains(item))
            {
                Overflowed = true;
                return;
            }
            remembered.Add(item);
        }
    }

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            _pending = true;
        }
    }
}

public sealed record PendingRepairs(IReadOnlyCollection<Guid> Resources, IReadOnlyCollection<string> Slugs, bool Lists, bool Categories)
{
    public bool IsEmpty => Resources.Count == 0 && Slugs.Count == 0 && !Lists && !Categories;
}
