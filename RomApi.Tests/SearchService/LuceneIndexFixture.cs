namespace RomApi.Tests.SearchService;

/// <summary>A real Lucene index in a throw-away folder, filled once with the shared OSM and public-API rows.</summary>
public sealed class LuceneIndexFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "romapi-search-tests", Guid.NewGuid().ToString("N"));

    public LuceneSearchIndex Index { get; private set; } = null!;

    public IReadOnlyList<SearchDocument> Documents { get; private set; } = [];

    public static LuceneSearchIndex Create(string folder) => new(
        Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = folder }),
        new LuceneDocuments(CategorySynonyms.LoadEmbedded()),
        NullLogger<LuceneSearchIndex>.Instance);

    public async Task InitializeAsync()
    {
        Index = Create(Folder);
        await Index.StartAsync(CancellationToken.None);
        Documents = SharedData.OsmDocuments().Concat(SharedData.ApiDocuments()).ToList();
        foreach (var batch in Documents.Chunk(1000).Select((chunk, i) => (chunk, i)))
        {
            await Index.ApplyAsync(batch.chunk.Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), batch.i + 1, moreToCome: false, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await Index.StopAsync(CancellationToken.None);
        Directory.Delete(Folder, recursive: true);
    }
}
