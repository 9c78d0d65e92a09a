namespace RomApi.Tests.SearchService;

/// <summary>A real Lucene index in a throw-away folder holding just the documents a test writes, so expected results are plain.</summary>
public sealed class SmallIndex : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "romapi-search-tests", Guid.NewGuid().ToString("N"));

    private SmallIndex() => Index = LuceneIndexFixture.Create(_folder);

    public RomApi.SearchService.SearchIndex.Lucene.LuceneSearchIndex Index { get; }

    public static async Task<SmallIndex> WithAsync(IEnumerable<SearchDocument> documents)
    {
        var small = new SmallIndex();
        await small.Index.StartAsync(CancellationToken.None);
        await small.Index.ApplyAsync(documents.Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), 1, moreToCome: false, CancellationToken.None);
        return small;
    }

    public static SearchDocument Doc(string name, string? description = null, string? category = null, string? city = null) =>
        new(Guid.NewGuid(), name, SharedData.Slug(name), description, "BUSINESS", category is null ? null : SharedData.DeterministicId("category", category),
            category, category is null ? null : SharedData.Slug(category), city, null, null, null, false, "FREE", DateTimeOffset.UnixEpoch);

    public Task<SearchIndexPage> SearchAsync(string text, int limit = 20, int facetSize = SearchFacets.DefaultSize) =>
        Index.SearchAsync(new SearchIndexQuery(text, limit, 0, FacetSize: facetSize), CancellationToken.None);

    public async Task<List<string>> NamesAsync(string text, int limit = 20) =>
        (await SearchAsync(text, limit)).Hits.Select(hit => hit.Document.Name).ToList();

    /// <summary>The names one query finds in an index of just <paramref name="documents"/>, most relevant first.</summary>
    public static async Task<List<string>> NamesFoundAsync(IEnumerable<SearchDocument> documents, string text)
    {
        await using var index = await WithAsync(documents);
        return await index.NamesAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await Index.StopAsync(CancellationToken.None);
        Index.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
