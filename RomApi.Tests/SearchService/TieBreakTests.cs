namespace RomApi.Tests.SearchService;

public sealed class TieBreakTests
{
    [Fact]
    public void Resources_created_in_the_same_millisecond_get_different_tie_breaks()
    {
        // Version 7 ids of one millisecond share their first half; equal scores must still have one fixed order (stable paging).
        var sameMillisecond = new DateTimeOffset(2026, 11, 23, 9, 30, 0, 123, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7(sameMillisecond)).ToList();

        var tieBreaks = ids.Select(LuceneDocuments.TieBreak).ToList();

        Assert.Equal(ids.Count, tieBreaks.Distinct().Count());
        Assert.Equal(tieBreaks, ids.Select(LuceneDocuments.TieBreak));
    }
}
