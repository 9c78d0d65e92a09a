using System.Diagnostics.CodeAnalysis;

namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// The gateway replica's shared answers, bounded in entries and bytes (the oldest make room), each expiring on its own. Reads are
/// lock-free; changes take one lock. Every eviction moves <see cref="Epoch"/> on: a miss remembers the epoch it started in and is
/// stored only if nothing was evicted meanwhile, so an answer read before a change can never land after that change's eviction.
/// While <see cref="Suspend"/>ed (the change feed unreadable) it holds nothing and stores nothing. Pages of the resource list show
/// many resources: a change to any resource evicts them all, and they hold at most <see cref="ResponseCacheOptions.ListPageShare"/>
/// of the bounds, the oldest page making room for a new one.
/// </summary>
public sealed class ResponseCacheStore(IOptions<ResponseCacheOptions> options, TimeProvider time)
{
    private sealed class Slot(CacheKey key, CachedAnswer answer)
    {
        public CacheKey Key { get; } = key;
        public CachedAnswer Answer { get; } = answer;
        public LinkedListNode<Slot>? Node { get; set; }

        /// <summary>A list page's place among the list pages, oldest first.</summary>
        public LinkedListNode<Slot>? ListNode { get; set; }
    }

    private readonly ConcurrentDictionary<CacheKey, Slot> _slots = new();
    private readonly LinkedList<Slot> _oldestFirst = new();
    private readonly Dictionary<Guid, List<Slot>> _byResource = [];
    private readonly LinkedList<Slot> _listPages = new();
    private readonly Lock _gate = new();
    private long _epoch;
    private long _bytes;
    private long _listBytes;
    private long _evictions;
    private bool _suspended = true;

    public bool Enabled => options.Value.Enabled;

    public long Epoch => Volatile.Read(ref _epoch);

    public int Count => _slots.Count;

    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Bytes held by pages of the resource list (part of <see cref="Bytes"/>).</summary>
    public long ListPageBytes => Volatile.Read(ref _listBytes);

    /// <summary>Pages of the resource list held (part of <see cref="Count"/>).</summary>
    public int ListPageCount
    {
        get
        {
            lock (_gate)
            {
                return _listPages.Count;
            }
        }
    }

    /// <summary>Entries removed before anyone asked for them again: by a change, by the bounds, by expiry.</summary>
    public long Evictions => Volatile.Read(ref _evictions);

    public bool TryGet(CacheKey key, [NotNullWhen(true)] out CachedAnswer? answer)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            if (time.GetTimestamp() < slot.Answer.ExpiresAt)
            {
                answer = slot.Answer;
                return true;
            }
            lock (_gate)
            {
                Remove(slot);
            }
        }
        answer = null;
        return false;
    }

    /// <summary>When a copy stored now stops being served: the shorter of the service's allowance and this cache's own.</summary>
    public long ExpiryFor(TimeSpan sharedMaxAge)
    {
        var age = sharedMaxAge < options.Value.MaxAge ? sharedMaxAge : options.Value.MaxAge;
        return time.GetTimestamp() + (long)(age.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Keeps <paramref name="answer"/> unless an eviction happened since <paramref name="startedAt"/> (see <see cref="Epoch"/>).</summary>
    public bool TryAdd(CacheKey key, CachedAnswer answer, long startedAt)
    {
        var settings = options.Value;
        if (answer.Size > settings.MaxBytes || answer.Body.Length > settings.MaxAnswerBytes || settings.MaxEntries < 1)
        {
            return false;
        }
        lock (_gate)
        {
            if (_suspended || _epoch != startedAt || !settings.Enabled)
            {
                return false;
            }
            if (_slots.TryGetValue(key, out var existing))
            {
                Remove(existing, evicted: false);
            }
            var isListPage = answer.ResourceId is null;
            if (isListPage && !MakeRoomForListPage(answer.Size, settings))
            {
                return false;
            }
            while (_oldestFirst.First is { } oldest && (_slots.Count >= settings.MaxEntries || _bytes + answer.Size > settings.MaxBytes))
            {
                Remove(oldest.Value);
            }
            var slot = new Slot(key, answer);
            slot.Node = _oldestFirst.AddLast(slot);
            _slots[key] = slot;
            if (isListPage)
            {
                slot.ListNode = _listPages.AddLast(slot);
                _listBytes += answer.Size;
            }
            else
            {
                ShowingThe(answer.ResourceId!.Value, create: true)!.Add(slot);
            }
            _bytes += answer.Size;
            return true;
        }
    }

    /// <summary>
    /// Every copy showing the resource, whatever it is keyed by (its id, its slug, a slug it had before), and every list page: a
    /// change can move the resource into, out of or within any of them.
    /// </summary>
    public void Evict(Guid resourceId)
    {
        lock (_gate)
        {
            _epoch++;
            if (_byResource.TryGetValue(resourceId, out var ofResource))
            {
                foreach (var slot in ofResource.ToArray())
                {
                    Remove(slot);
                }
            }
            RemoveListPages();
        }
    }

    /// <summary>Every list page (a create: no resource's own copy can show it yet).</summary>
    public void EvictListPages()
    {
        lock (_gate)
        {
            _epoch++;
            RemoveListPages();
        }
    }

    /// <summary>The copy kept under a slug, whichever resource it showed (a slug can pass from one resource to another).</summary>
    public void Evict(string slug)
    {
        lock (_gate)
        {
            _epoch++;
            if (_slots.TryGetValue(CacheKey.BySlug(slug), out var slot))
            {
                Remove(slot);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _epoch++;
            _evictions += _slots.Count;
            _slots.Clear();
            _oldestFirst.Clear();
            _byResource.Clear();
            _listPages.Clear();
            _bytes = 0;
            _listBytes = 0;
        }
    }

    /// <summary>Empties the cache and stores nothing until <see cref="Resume"/>: what changes meanwhile cannot be evicted.</summary>
    public void Suspend()
    {
        lock (_gate)
        {
            _suspended = true;
        }
        Clear();
    }

    public void Resume()
    {
        lock (_gate)
        {
            _suspended = false;
        }
    }

    public bool IsSuspended
    {
        get
        {
            lock (_gate)
            {
                return _suspended;
            }
        }
    }

    // Under _gate. A slot replaced in the meantime (same key, new answer) is left alone.
    private void Remove(Slot slot, bool evicted = true)
    {
        if (slot.Node is null)
        {
            return;
        }
        _oldestFirst.Remove(slot.Node);
        slot.Node = null;
        _slots.TryRemove(new KeyValuePair<CacheKey, Slot>(slot.Key, slot));
        if (slot.ListNode is { } listNode)
        {
            _listPages.Remove(listNode);
            slot.ListNode = null;
            _listBytes -= slot.Answer.Size;
        }
        else if (slot.Answer.ResourceId is { } resourceId && ShowingThe(resourceId, create: false) is { } showing)
        {
            showing.Remove(slot);
            if (showing.Count == 0)
            {
                _byResource.Remove(resourceId);
            }
        }
        _bytes -= slot.Answer.Size;
        if (evicted)
        {
            _evictions++;
        }
    }

    // Under _gate.
    private void RemoveListPages()
    {
        while (_listPages.First is { } oldest)
        {
            Remove(oldest.Value);
        }
    }

    // Under _gate. Oldest list pages out until one of this size fits the list pages' share; false when it never could.
    private bool MakeRoomForListPage(long size, ResponseCacheOptions settings)
    {
        var share = Math.Clamp(settings.ListPageShare, 0, 1);
        var maxPages = (int)(settings.MaxEntries * share);
        var maxBytes = (long)(settings.MaxBytes * share);
        if (maxPages < 1 || size > maxBytes)
        {
            return false;
        }
        while (_listPages.First is { } oldest && (_listPages.Count >= maxPages || _listBytes + size > maxBytes))
        {
            Remove(oldest.Value);
        }
        return true;
    }

    // Under _gate. The copies of one resource (by id and by each slug), evicted with it.
    private List<Slot>? ShowingThe(Guid resourceId, bool create)
    {
        if (!_byResource.TryGetValue(resourceId, out var ofResource) && create)
        {
            _byResource[resourceId] = ofResource = new List<Slot>(2);
        }
        return ofResource;
    }
}
