using Lucene.Net.Index;
using Lucene.Net.Util;
using RomApi.SearchService.Places;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// The <see cref="QueryVocabulary"/> of the index as a searcher sees it: its city, region and category values read from the
/// terms and doc values (a few hundred distinct values, not the documents), rebuilt when a refreshed reader holds other
/// values; a query only looks phrases up in it.
/// </summary>
public sealed class LuceneVocabulary(CategoryVocabulary categories, PlaceVocabulary places)
{
    private readonly System.Threading.Lock _gate = new();
    private (IndexReader? Reader, string Values, QueryVocabulary Vocabulary) _current = (null, "", QueryVocabulary.Empty);

    /// <summary>The embedded category presets and the gazetteer copied next to the service.</summary>
    public static LuceneVocabulary CreateDefault()
    {
        var analysis = new QueryPlanner();
        return new LuceneVocabulary(new CategoryVocabulary(analysis), new PlaceVocabulary(PlaceGazetteer.Load(), analysis));
    }

    public QueryVocabulary For(IndexReader reader)
    {
        var current = _current;
        if (ReferenceEquals(current.Reader, reader))
        {
            return current.Vocabulary;
        }
        lock (_gate)
        {
            if (ReferenceEquals(_current.Reader, reader))
            {
                return _current.Vocabulary;
            }
            var cities = SortedValues(reader, IndexFields.CityFacet);
            var categoryNames = SortedValues(reader, IndexFields.CategoryFacet);
            var regions = Terms(reader, IndexFields.RegionKey);
            var values = string.Join('\u0001', cities.Concat(["\u0002"]).Concat(categoryNames).Concat(["\u0002"]).Concat(regions));
            var vocabulary = values == _current.Values
                ? _current.Vocabulary
                : new QueryVocabulary(places.Build(cities, regions), categories.Build(categoryNames));
            _current = (reader, values, vocabulary);
            return vocabulary;
        }
    }

    private static List<string> SortedValues(IndexReader reader, string field)
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        var bytes = new BytesRef();
        foreach (var leaf in reader.Leaves)
        {
            if (leaf.AtomicReader.GetSortedDocValues(field) is not { } docValues)
            {
                continue;
            }
            for (var ord = 0; ord < docValues.ValueCount; ord++)
            {
                docValues.LookupOrd(ord, bytes);
                values.Add(bytes.Utf8ToString());
            }
        }
        return values.ToList();
    }

    private static List<string> Terms(IndexReader reader, string field)
    {
        var values = new List<string>();
        if (MultiFields.GetTerms(reader, field) is { } terms)
        {
            var iterator = terms.GetEnumerator();
            while (iterator.MoveNext())
            {
                values.Add(iterator.Term.Utf8ToString());
            }
        }
        return values;
    }
}
