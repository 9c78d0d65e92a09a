using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Lucene;

/// <summary>The search service's Lucene engine in the bench process, built and fed as the service builds and feeds it.</summary>
public static class InProcessLucene
{
    /// <summary>The engine on <paramref name="folder"/> with the service's category synonyms, started; it logs nothing.</summary>
    public static async Task<LuceneSearchIndex> StartAsync(string folder)
    {
        var index = new LuceneSearchIndex(
            Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = folder }),
            new LuceneDocuments(CategorySynonyms.LoadEmbedded()), NullLogger<LuceneSearchIndex>.Instance);
        await index.StartAsync(CancellationToken.None);
        return index;
    }

    /// <summary>
    /// <paramref name="documents"/> in batches of 1000 as the change feed delivers them, applied as the indexer applies them during
    /// a bulk load: only the last batch is made visible at once.
    /// </summary>
    public static async Task BulkLoadAsync(LuceneSearchIndex index, IReadOnlyList<SearchDocument> documents)
    {
        var position = 0L;
        var chunks = documents.Chunk(1000).ToList();
        foreach (var chunk in chunks)
        {
            ++position;
            await index.ApplyAsync(chunk.Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), position, moreToCome: position < chunks.Count, CancellationToken.None);
        }
    }
}
