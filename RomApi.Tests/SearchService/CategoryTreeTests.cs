using RomApi.Contracts.Resources;
using RomApi.SearchService.Categories;

namespace RomApi.Tests.SearchService;

public sealed class CategoryTreeTests
{
    private static readonly Guid Health = Guid.NewGuid(), Pharmacy = Guid.NewGuid(), NightPharmacy = Guid.NewGuid(), Garage = Guid.NewGuid();

    private static readonly CategoryTree Tree = new([
        new CategoryDto(Health, "sante", "sante", null, null, null, []),
        new CategoryDto(Pharmacy, "pharmacie", "pharmacie", null, null, Health, []),
        new CategoryDto(NightPharmacy, "pharmacie-de-garde", "pharmacie-de-garde", null, null, Pharmacy, []),
        new CategoryDto(Garage, "garage", "garage", null, null, null, []),
    ]);

    [Fact]
    public void A_slug_covers_its_whole_sub_tree_and_nothing_else() =>
        Assert.Equal(["pharmacie", "pharmacie-de-garde", "sante"], Tree.WithDescendants("sante").Order(StringComparer.Ordinal));

    [Fact]
    public void A_leaf_or_an_unknown_slug_covers_itself()
    {
        Assert.Equal(["garage"], Tree.WithDescendants("garage"));
        Assert.Equal(["inconnue"], Tree.WithDescendants("inconnue"));
    }

    [Fact]
    public void The_asked_slug_comes_first() => Assert.Equal("pharmacie", Tree.WithDescendants("pharmacie")[0]);
}
