namespace RomApi.Tests.SearchService;

/// <summary>Restart resumes from the committed position; a rebuild is invisible until swapped in.</summary>
public sealed class LuceneRebuildTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "romapi-search-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_restart_keeps_documents_and_position_and_a_rebuild_swaps_in_whole()
    {
        var documents = SharedData.ApiDocuments().Take(300).ToList();
        var index = LuceneIndexFixture.Create(_folder);
        await index.StartAsync(CancellationToken.None);
        await index.ApplyAsync(documents.Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), 42, moreToCome: false, CancellationToken.None);
        await index.StopAsync(CancellationToken.None);

        index = LuceneIndexFixture.Create(_folder);
        await index.StartAsync(CancellationToken.None);
        Assert.Equal(42, await index.ReadPositionAsync(CancellationToken.None));
        Assert.Equal(300, await index.CountAsync(CancellationToken.None));

        await using (var build = await index.BeginRebuildAsync(CancellationToken.None))
        {
            await build.ApplyAsync(documents.Take(100).Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), 10, CancellationToken.None);
            // Partial build: the live index still answers with everything.
            Assert.Equal(300, (await index.SearchAsync(new SearchIndexQuery("", 1, 0), CancellationToken.None)).Total);
            await build.ApplyAsync(documents.Skip(100).Take(150).Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), 50, CancellationToken.None);
            await build.SwapInAsync(CancellationToken.None);
        }
        Assert.Equal(250, (await index.SearchAsync(new SearchIndexQuery("", 1, 0), CancellationToken.None)).Total);
        Assert.Equal(50, await index.ReadPositionAsync(CancellationToken.None));
        await index.StopAsync(CancellationToken.None);

        index = LuceneIndexFixture.Create(_folder);
        await index.StartAsync(CancellationToken.None);
        Assert.Equal(250, await index.CountAsync(CancellationToken.None));
        await index.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
