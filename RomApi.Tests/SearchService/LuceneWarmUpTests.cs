using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Lucene;

namespace RomApi.Tests.SearchService;

public sealed class LuceneWarmUpTests
{
    [Fact]
    public async Task The_warm_up_indexes_into_its_own_folder_deletes_it_and_leaves_the_live_index_as_it_was()
    {
        var folder = Path.Combine(Path.GetTempPath(), "romapi-search-tests", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = folder });
        var documents = new LuceneDocuments(CategorySynonyms.LoadEmbedded());
        var index = new LuceneSearchIndex(options, documents, NullLogger<LuceneSearchIndex>.Instance);
        await index.StartAsync(CancellationToken.None);
        try
        {
            var resource = SharedData.OsmDocuments().First();
            await index.ApplyAsync([new UpsertDocument(resource)], 7, moreToCome: false, CancellationToken.None);
            var warmUp = new LuceneWarmUp(options, documents, TimeProvider.System, NullLogger<LuceneWarmUp>.Instance);

            await warmUp.StartAsync(CancellationToken.None);
            await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.False(Directory.Exists(Path.Combine(folder, "warm-up")));
            Assert.Equal(1, await index.CountAsync(CancellationToken.None));
            Assert.Equal(7, await index.ReadPositionAsync(CancellationToken.None));
            Assert.Equal(["current", "gen-1"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)
                .Where(name => name is not null && !name.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }
        finally
        {
            await index.StopAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }
}
