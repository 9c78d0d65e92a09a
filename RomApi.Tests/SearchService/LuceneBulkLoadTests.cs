using static RomApi.Tests.SearchService.SmallIndex;

namespace RomApi.Tests.SearchService;

/// <summary>
/// A bulk load applies batches without a refresh each (moreToCome): new resources are added rather than updated, and the
/// result must still hold exactly one copy of each resource, its last version, once the last batch is applied.
/// </summary>
public sealed class LuceneBulkLoadTests
{
    [Fact]
    public async Task A_resource_changed_again_before_any_refresh_is_held_once_in_its_last_version()
    {
        await using var small = await WithAsync([]);
        var index = small.Index;
        var first = Doc("Quincaillerie Nkolbisson");
        var other = Doc("Boulangerie Akwa");
        await index.ApplyAsync([new UpsertDocument(first), new UpsertDocument(other)], 2, moreToCome: true, CancellationToken.None);
        await index.ApplyAsync([new UpsertDocument(first with { Name = "Quincaillerie Mvog-Ada" })], 3, moreToCome: true, CancellationToken.None);
        await index.ApplyAsync([new RemoveDocument(other.Id)], 4, moreToCome: true, CancellationToken.None);
        await index.ApplyAsync([new UpsertDocument(other with { Name = "Boulangerie Bonapriso" })], 5, moreToCome: false, CancellationToken.None);

        var all = await small.SearchAsync("", limit: 10);
        Assert.Equal(["Boulangerie Bonapriso", "Quincaillerie Mvog-Ada"], all.Hits.Select(hit => hit.Document.Name).Order());
        Assert.Equal(0, (await small.SearchAsync("nkolbisson")).Total);
        Assert.Equal(5, await index.ReadPositionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_resource_already_searchable_is_updated_not_duplicated_during_a_load()
    {
        var existing = Doc("Pharmacie du Lac");
        await using var small = await WithAsync([existing]);
        await small.Index.ApplyAsync([new UpsertDocument(existing with { Name = "Pharmacie du Port" })], 2, moreToCome: true, CancellationToken.None);
        await small.Index.ApplyAsync([], 3, moreToCome: false, CancellationToken.None);

        var hit = Assert.Single((await small.SearchAsync("pharmacie")).Hits);
        Assert.Equal("Pharmacie du Port", hit.Document.Name);
    }
}
