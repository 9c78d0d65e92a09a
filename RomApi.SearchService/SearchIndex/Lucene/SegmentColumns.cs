using Lucene.Net.Index;
using Lucene.Net.Util;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// The per-document values a search reads for every match (tie-break, publication time, coordinates, facet ordinals), copied out
/// of one segment's doc values into arrays once. A segment never changes after it is written, so the copy serves every later
/// search; reading packed doc values per document was most of the cost of a search matching 100,000 resources. The documents a
/// search returns are kept the same way, once read: decompressing a block of stored fields for each hit of each page was a fifth
/// of a typical query's cost.
/// </summary>
public sealed class SegmentColumns
{
    private SegmentColumns(int size)
    {
        TieBreak = new long[size];
        Published = new long[size];
        Latitude = new double[size];
        Longitude = new double[size];
        Category = new int[size];
        City = new int[size];
        ResourceType = new int[size];
        _documents = new SearchDocument?[size];
    }

    private readonly SearchDocument?[] _documents;

    public long[] TieBreak { get; }
    public long[] Published { get; }
    public double[] Latitude { get; }
    public double[] Longitude { get; }

    /// <summary>Facet ordinals of the segment's sorted doc values (-1: no value).</summary>
    public int[] Category { get; }
    public int[] City { get; }
    public int[] ResourceType { get; }

    /// <summary>The facet values by ordinal (what <see cref="SortedDocValues.LookupOrd"/> answers), decoded once.</summary>
    public string[] CategoryLabels { get; private init; } = [];
    public string[] CityLabels { get; private init; } = [];
    public string[] ResourceTypeLabels { get; private init; } = [];

    /// <summary>The stored document of <paramref name="doc"/> (of this segment), read once.</summary>
    public SearchDocument Document(AtomicReader reader, int doc) =>
        // Two searches may read the same document at once: both get equal values, one of them is kept.
        _documents[doc] ??= LuceneDocuments.FromLucene(reader.Document(doc));

    public static SegmentColumns Read(AtomicReader reader)
    {
        var size = reader.MaxDoc;
        var columns = new SegmentColumns(size)
        {
            CategoryLabels = Labels(reader.GetSortedDocValues(IndexFields.CategoryFacet)),
            CityLabels = Labels(reader.GetSortedDocValues(IndexFields.CityFacet)),
            ResourceTypeLabels = Labels(reader.GetSortedDocValues(IndexFields.ResourceTypeFacet)),
        };
        Copy(reader.GetNumericDocValues(IndexFields.TieBreakValue), columns.TieBreak);
        Copy(reader.GetNumericDocValues(IndexFields.PublishedValue), columns.Published);
        CopyDoubles(reader.GetNumericDocValues(IndexFields.LatitudeValue), columns.Latitude);
        CopyDoubles(reader.GetNumericDocValues(IndexFields.LongitudeValue), columns.Longitude);
        CopyOrds(reader.GetSortedDocValues(IndexFields.CategoryFacet), columns.Category);
        CopyOrds(reader.GetSortedDocValues(IndexFields.CityFacet), columns.City);
        CopyOrds(reader.GetSortedDocValues(IndexFields.ResourceTypeFacet), columns.ResourceType);
        return columns;
    }

    private static string[] Labels(SortedDocValues? values)
    {
        var labels = new string[values?.ValueCount ?? 0];
        var term = new BytesRef();
        for (var ord = 0; ord < labels.Length; ord++)
        {
            values!.LookupOrd(ord, term);
            labels[ord] = term.Utf8ToString();
        }
        return labels;
    }

    private static void Copy(NumericDocValues? values, long[] target)
    {
        for (var doc = 0; values is not null && doc < target.Length; doc++)
        {
            target[doc] = values.Get(doc);
        }
    }

    private static void CopyDoubles(NumericDocValues? values, double[] target)
    {
        for (var doc = 0; doc < target.Length; doc++)
        {
            target[doc] = values is null ? double.NaN : BitConverter.Int64BitsToDouble(values.Get(doc));
        }
    }

    private static void CopyOrds(SortedDocValues? values, int[] target)
    {
        for (var doc = 0; doc < target.Length; doc++)
        {
            target[doc] = values?.GetOrd(doc) ?? -1;
        }
    }
}

/// <summary>The columns of each live segment, dropped with the segment (keyed weakly by the segment's core).</summary>
public sealed class SegmentColumnCache
{
    private readonly ConditionalWeakTable<object, SegmentColumns> _segments = new();

    public SegmentColumns For(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => SegmentColumns.Read(reader));
}
