using Microsoft.AspNetCore.Http;
using RomApi.Gateway.ResponseCache;

namespace RomApi.Tests.Gateway;

/// <summary>
/// The response cache's store on its own: bounds, oldest-first eviction, expiry, eviction by resource (and of every list page with
/// it), suspension; and which requests have a key.
/// </summary>
public sealed class ResponseCacheStoreTests
{
    private readonly FakeTimeProvider _time = new();

    private ResponseCacheStore Store(int maxEntries = 100, long maxBytes = 1_000_000, int maxAgeSeconds = 30, double listPageShare = 1)
    {
        var store = new ResponseCacheStore(Options.Create(new ResponseCacheOptions
        {
            MaxEntries = maxEntries,
            MaxBytes = maxBytes,
            MaxAge = TimeSpan.FromSeconds(maxAgeSeconds),
            ListPageShare = listPageShare,
        }), _time);
        store.Resume();
        return store;
    }

    private CachedAnswer Answer(ResponseCacheStore store, Guid? id, int bodyBytes = 100, int sharedSeconds = 60) =>
        new(id, new byte[bodyBytes], "\"v1\"", "application/json", store.ExpiryFor(TimeSpan.FromSeconds(sharedSeconds)));

    [Fact]
    public void When_full_of_entries_the_oldest_makes_room()
    {
        var store = Store(maxEntries: 3);
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();

        foreach (var id in ids)
        {
            Assert.True(store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch));
        }

        Assert.Equal(3, store.Count);
        Assert.False(store.TryGet(CacheKey.ById(ids[0]), out _));
        Assert.All(ids[1..], id => Assert.True(store.TryGet(CacheKey.ById(id), out _)));
        Assert.Equal(1, store.Evictions);
    }

    [Fact]
    public void When_full_of_bytes_the_oldest_make_room_and_the_byte_count_follows()
    {
        var size = 1_000 + CachedAnswer.Overhead;
        var store = Store(maxBytes: 3 * size);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();

        foreach (var id in ids)
        {
            Assert.True(store.TryAdd(CacheKey.ById(id), Answer(store, id, bodyBytes: 1_000), store.Epoch));
        }

        Assert.Equal(3, store.Count);
        Assert.Equal(3 * size, store.Bytes);
        Assert.False(store.TryGet(CacheKey.ById(ids[1]), out _));
        Assert.True(store.TryGet(CacheKey.ById(ids[4]), out _));
        Assert.False(store.TryAdd(CacheKey.ById(Guid.NewGuid()), Answer(store, Guid.NewGuid(), bodyBytes: 4 * size), store.Epoch));
    }

    [Fact]
    public void A_copy_expires_at_the_shorter_of_the_services_allowance_and_the_caches_own()
    {
        var store = Store(maxAgeSeconds: 30);
        var (shortLived, longLived) = (Guid.NewGuid(), Guid.NewGuid());
        store.TryAdd(CacheKey.ById(shortLived), Answer(store, shortLived, sharedSeconds: 5), store.Epoch);
        store.TryAdd(CacheKey.ById(longLived), Answer(store, longLived, sharedSeconds: 600), store.Epoch);

        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(store.TryGet(CacheKey.ById(shortLived), out _));
        Assert.True(store.TryGet(CacheKey.ById(longLived), out _));

        _time.Advance(TimeSpan.FromSeconds(25));
        Assert.False(store.TryGet(CacheKey.ById(longLived), out _));
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Bytes);
    }

    [Fact]
    public void Evicting_a_resource_removes_its_copies_by_id_and_by_every_slug()
    {
        var store = Store();
        var (id, other) = (Guid.NewGuid(), Guid.NewGuid());
        store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch);
        store.TryAdd(CacheKey.BySlug("old-name"), Answer(store, id), store.Epoch);
        store.TryAdd(CacheKey.BySlug("new-name"), Answer(store, id), store.Epoch);
        store.TryAdd(CacheKey.ById(other), Answer(store, other), store.Epoch);

        store.Evict(id);

        Assert.False(store.TryGet(CacheKey.ById(id), out _));
        Assert.False(store.TryGet(CacheKey.BySlug("old-name"), out _));
        Assert.False(store.TryGet(CacheKey.BySlug("new-name"), out _));
        Assert.True(store.TryGet(CacheKey.ById(other), out _));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void A_change_to_any_resource_or_a_create_evicts_every_list_page_and_only_the_list_pages_with_a_create()
    {
        var store = Store();
        var (shown, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (firstPage, cityPage) = (CacheKey.ForList("?limit=20"), CacheKey.ForList("?city=Douala&offset=20"));
        store.TryAdd(CacheKey.ById(shown), Answer(store, shown), store.Epoch);
        store.TryAdd(CacheKey.ById(other), Answer(store, other), store.Epoch);
        store.TryAdd(firstPage, Answer(store, null), store.Epoch);
        store.TryAdd(cityPage, Answer(store, null), store.Epoch);

        store.Evict(other);

        Assert.False(store.TryGet(firstPage, out _));
        Assert.False(store.TryGet(cityPage, out _));
        Assert.True(store.TryGet(CacheKey.ById(shown), out _));
        Assert.Equal(1, store.Count);

        Assert.True(store.TryAdd(firstPage, Answer(store, null, bodyBytes: 300), store.Epoch));
        Assert.Equal(100 + 300 + 2 * CachedAnswer.Overhead, store.Bytes);
        store.EvictListPages();

        Assert.False(store.TryGet(firstPage, out _));
        Assert.True(store.TryGet(CacheKey.ById(shown), out _));
        Assert.Equal(100 + CachedAnswer.Overhead, store.Bytes);
    }

    [Fact]
    public void A_walk_through_many_list_pages_keeps_the_reads_by_id_and_only_the_newest_pages_within_their_share()
    {
        var store = Store(maxEntries: 8, listPageShare: 0.25);
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
        {
            Assert.True(store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch));
        }

        var pages = Enumerable.Range(0, 10).Select(i => CacheKey.ForList($"?offset={20 * i}")).ToArray();
        foreach (var page in pages)
        {
            Assert.True(store.TryAdd(page, Answer(store, null), store.Epoch));
        }

        Assert.All(ids, id => Assert.True(store.TryGet(CacheKey.ById(id), out _)));
        Assert.All(pages[..8], page => Assert.False(store.TryGet(page, out _)));
        Assert.All(pages[8..], page => Assert.True(store.TryGet(page, out _)));
        Assert.Equal(8, store.Count);
        Assert.Equal(2, store.ListPageCount);
        Assert.Equal(2 * (100 + CachedAnswer.Overhead), store.ListPageBytes);
    }

    [Fact]
    public void List_pages_make_room_among_themselves_by_bytes_and_one_larger_than_their_share_is_not_kept()
    {
        var size = 1_000 + CachedAnswer.Overhead;
        var store = Store(maxBytes: 8 * size, listPageShare: 0.25);
        var id = Guid.NewGuid();
        store.TryAdd(CacheKey.ById(id), Answer(store, id, bodyBytes: 1_000), store.Epoch);
        var (first, second, third) = (CacheKey.ForList("?offset=0"), CacheKey.ForList("?offset=20"), CacheKey.ForList("?offset=40"));

        store.TryAdd(first, Answer(store, null, bodyBytes: 1_000), store.Epoch);
        store.TryAdd(second, Answer(store, null, bodyBytes: 1_000), store.Epoch);
        store.TryAdd(third, Answer(store, null, bodyBytes: 1_000), store.Epoch);

        Assert.False(store.TryGet(first, out _));
        Assert.True(store.TryGet(second, out _));
        Assert.True(store.TryGet(third, out _));
        Assert.Equal(2 * size, store.ListPageBytes);
        Assert.Equal(3 * size, store.Bytes);

        Assert.False(store.TryAdd(CacheKey.ForList("?limit=100"), Answer(store, null, bodyBytes: 2 * size), store.Epoch));
        Assert.True(store.TryGet(CacheKey.ById(id), out _));
        Assert.Equal(3 * size, store.Bytes);

        store.Evict(id);
        Assert.Equal(0, store.ListPageCount);
        Assert.Equal(0, store.ListPageBytes);
        Assert.Equal(0, store.Bytes);
    }

    [Fact]
    public void A_miss_that_started_before_an_eviction_is_not_stored()
    {
        var store = Store();
        var id = Guid.NewGuid();
        var startedAt = store.Epoch;

        store.Evict(Guid.NewGuid());

        Assert.False(store.TryAdd(CacheKey.ById(id), Answer(store, id), startedAt));
        Assert.True(store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch));
    }

    [Fact]
    public void A_suspended_cache_is_empty_and_stores_nothing_until_resumed()
    {
        var store = Store();
        var id = Guid.NewGuid();
        store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch);

        store.Suspend();
        Assert.Equal(0, store.Count);
        Assert.False(store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch));

        store.Resume();
        Assert.True(store.TryAdd(CacheKey.ById(id), Answer(store, id), store.Epoch));
        Assert.True(store.TryGet(CacheKey.ById(id), out var answer));
        Assert.Equal(id, answer.ResourceId);
    }

    [Fact]
    public void Replacing_a_key_keeps_one_entry_and_counts_its_bytes_once()
    {
        var store = Store();
        var id = Guid.NewGuid();
        store.TryAdd(CacheKey.ById(id), Answer(store, id, bodyBytes: 10), store.Epoch);
        store.TryAdd(CacheKey.ById(id), Answer(store, id, bodyBytes: 20), store.Epoch);

        Assert.Equal(1, store.Count);
        Assert.Equal(20 + CachedAnswer.Overhead, store.Bytes);
        store.Evict(id);
        Assert.Equal(0, store.Bytes);
    }

    [Theory]
    [InlineData("/api/v1/api-resources/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e01", "", CachedRead.ById)]
    [InlineData("/api/v1/api-resources/slug/boulangerie-akwa", "", CachedRead.BySlug)]
    [InlineData("/api/v1/api-resources", "?city=Douala&offset=20", CachedRead.List)]
    [InlineData("/api/v1/api-resources", "", CachedRead.List)]
    [InlineData("/api/v1/api-resources/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e01", "?x=1", null)]
    [InlineData("/api/v1/api-resources/", "?city=Douala", null)]
    [InlineData("/api/v1/api-resourcesx", "", null)]
    [InlineData("/api/v1/api-resources/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e01/hours", "", null)]
    [InlineData("/api/v1/api-resources/slug/", "", null)]
    [InlineData("/api/v1/api-resources/slug/a/b", "", null)]
    [InlineData("/api/v1/api-resources/not-an-id", "", null)]
    [InlineData("/api/v1/search", "?q=pharmacie", null)]
    public void Reads_of_one_resource_by_id_or_slug_and_list_pages_have_a_key(string path, string query, CachedRead? expected)
    {
        var cached = CachePaths.TryReadKey(path, new QueryString(query is "" ? null : query), out var key);

        Assert.Equal(expected is not null, cached);
        if (cached)
        {
            Assert.Equal(expected, key.Read);
        }
    }

    [Fact]
    public void A_list_page_is_kept_under_its_query_string_as_sent()
    {
        Assert.True(CachePaths.TryReadKey("/api/v1/api-resources", new QueryString("?city=Douala&offset=20"), out var page));
        Assert.True(CachePaths.TryReadKey("/api/v1/api-resources", new QueryString("?offset=20&city=Douala"), out var reordered));
        Assert.True(CachePaths.TryReadKey("/api/v1/api-resources", new QueryString("?city=Douala&offset=20"), out var again));

        Assert.Equal(CacheKey.ForList("?city=Douala&offset=20"), page);
        Assert.Equal(page, again);
        Assert.NotEqual(page, reordered);
    }

    [Theory]
    [InlineData("/api/v1/api-resources", WriteScope.ListPages)]
    [InlineData("/api/v1/api-resources/", WriteScope.ListPages)]
    [InlineData("/api/v1/api-resources/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e01", WriteScope.Resource)]
    [InlineData("/api/v1/api-resources/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e01/images/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e02", WriteScope.Resource)]
    [InlineData("/api/v1/api-resources/ingest", WriteScope.Everything)]
    [InlineData("/api/v1/categories/0b0e6bde-9c1b-4c55-8a39-3a7c1a1f0e01", WriteScope.Everything)]
    [InlineData("/api/v1/analytics/events", WriteScope.None)]
    public void Writes_evict_their_resource_creates_the_list_pages_and_category_writes_and_imports_everything(string path, WriteScope expected) =>
        Assert.Equal(expected, CachePaths.ForWrite(path, out _));

    [Fact]
    public void The_resource_of_a_kept_answer_is_read_from_its_envelope()
    {
        var id = Guid.NewGuid();
        var category = Guid.NewGuid();
        var body = Encoding.UTF8.GetBytes($$$"""{"success":true,"data":{"id":"{{{id}}}","name":"x","category":{"id":"{{{category}}}"}},"timestamp":"t"}""");

        Assert.Equal(id, EnvelopeId.Of(body));
        Assert.Null(EnvelopeId.Of("""{"success":false,"error":{"code":"NOT_FOUND"}}"""u8));
        Assert.Null(EnvelopeId.Of("not json"u8));
    }
}
