using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Resources whose category is one of <paramref name="names"/>, read from the segment's facet ordinals that
/// <see cref="SegmentColumns"/> already holds in memory (Lucene's doc-values terms filter decodes every document's packed value).
/// </summary>
public sealed class CategoryFilter(SegmentColumnCache columns, IReadOnlyCollection<string> names) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var segment = columns.For(context.AtomicReader);
        var wanted = new bool[segment.CategoryLabels.Length];
        var any = false;
        for (var ord = 0; ord < wanted.Length; ord++)
        {
            any |= wanted[ord] = names.Contains(segment.CategoryLabels[ord]);
        }
        var ords = segment.Category;
        var bits = new FixedBitSet(ords.Length);
        for (var doc = 0; any && doc < ords.Length; doc++)
        {
            if (ords[doc] >= 0 && wanted[ords[doc]])
            {
                bits.Set(doc);
            }
        }
        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }
}
