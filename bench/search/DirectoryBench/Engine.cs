using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.Search;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Lucene;
using RomApi.SearchService.SearchIndex.Planning;

/// <summary>The search service's Lucene engine in this process, in a throw-away folder.</summary>
public sealed class Engine : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "romapi-directory-" + Guid.NewGuid().ToString("N"));
    private readonly LuceneSearchIndex _index;

    private Engine() => _index = new LuceneSearchIndex(
        Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = _folder }),
        new LuceneDocuments(CategorySynonyms.LoadEmbedded()), NullLogger<LuceneSearchIndex>.Instance);

    public static async Task<Engine> StartAsync(IReadOnlyList<SearchDocument> documents)
    {
        var engine = new Engine();
        await engine._index.StartAsync(CancellationToken.None);
        await engine._index.ApplyAsync(documents.Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), 1, moreToCome: false, CancellationToken.None);
        return engine;
    }

    public Task<SearchIndexPage> SearchAsync(string q, int limit) => _index.SearchAsync(new SearchIndexQuery(q, limit, 0), CancellationToken.None);

    /// <summary>meta.place and meta.category as the API writes them.</summary>
    public static string Describe(SearchIndexPage page) =>
        $"meta.place: {Json(SearchPlaceDto.From(page.Understanding))}; meta.category: {Json(SearchCategoryMetaDto.From(page.Understanding, page.Facets))}";

    private static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public async ValueTask DisposeAsync()
    {
        await _index.StopAsync(CancellationToken.None);
        _index.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
