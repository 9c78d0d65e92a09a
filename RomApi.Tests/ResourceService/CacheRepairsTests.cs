using RomApi.ResourceService.Caching;

namespace RomApi.Tests.ResourceService;

public sealed class CacheRepairsTests
{
    [Fact]
    public void Lost_updates_are_pending_until_taken_and_pending_again_when_given_back()
    {
        var repairs = new CacheRepairs();
        var id = Guid.NewGuid();
        Assert.False(repairs.Pending);

        repairs.Resources([id, id]);
        repairs.Slugs(["old-slug"]);
        repairs.Lists();
        Assert.True(repairs.Pending);

        var taken = repairs.Take();
        Assert.False(repairs.Pending);
        Assert.Equal([id], taken.Resources);
        Assert.Equal(["old-slug"], taken.Slugs);
        Assert.True(taken.Lists);
        Assert.False(taken.Categories);
        Assert.True(repairs.Take().IsEmpty);

        repairs.Restore(taken);
        Assert.True(repairs.Pending);
        var again = repairs.Take();
        Assert.Equal([id], again.Resources);
        Assert.Equal(["old-slug"], again.Slugs);
        Assert.True(again.Lists);
    }

    [Fact]
    public void Beyond_the_limit_lost_updates_are_not_remembered_and_the_overflow_is_flagged()
    {
        var repairs = new CacheRepairs();

        repairs.Resources(Enumerable.Range(0, CacheRepairs.MaxRemembered + 5).Select(_ => Guid.NewGuid()));

        Assert.True(repairs.Overflowed);
        Assert.Equal(CacheRepairs.MaxRemembered, repairs.Take().Resources.Count);
        Assert.False(repairs.Overflowed);
    }
}
