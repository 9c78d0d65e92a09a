namespace RomApi.Tests.SearchService;

public sealed class LuceneWarmUpTests
{
    /// <summary>Moves the clock past the warm-up's delay until it has run: its delay starts on a thread of its own, maybe after
    /// the first move.</summary>
    private static async Task PastTheDelayAsync(LuceneWarmUp warmUp, FakeTimeProvider clock)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!warmUp.ExecuteTask!.IsCompleted)
        {
            clock.Advance(LuceneWarmUp.Delay);
            await Task.Delay(20, timeout.Token);
        }
        await warmUp.ExecuteTask;
    }

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
            var clock = new FakeTimeProvider();
            var warmUp = new LuceneWarmUp(options, documents, new IndexerState(clock), clock, NullLogger<LuceneWarmUp>.Instance);

            await warmUp.StartAsync(CancellationToken.None);
            await PastTheDelayAsync(warmUp, clock);

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

    [Fact]
    public async Task The_warm_up_is_skipped_when_the_indexer_is_behind_the_feed_at_its_time()
    {
        var folder = Path.Combine(Path.GetTempPath(), "romapi-search-tests", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = folder });
        var clock = new FakeTimeProvider();
        var indexer = new IndexerState(clock);
        indexer.Announced(5_000); // a bulk load under way: the feed is ahead of the index
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<LuceneWarmUp>();
        var warmUp = new LuceneWarmUp(options, new LuceneDocuments(CategorySynonyms.LoadEmbedded()), indexer, clock, logger);

        await warmUp.StartAsync(CancellationToken.None);
        await PastTheDelayAsync(warmUp, clock);

        Assert.Equal("Lucene warm-up skipped: the indexer is 5000 changes behind, a load is warming it up", logger.LatestRecord.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "warm-up")));
    }
}
