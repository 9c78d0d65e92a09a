using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>Maps a <see cref="SearchDocument"/> to the Lucene document and back.</summary>
public sealed class LuceneDocuments(CategorySynonyms synonyms)
{
    public Document ToLucene(SearchDocument source)
    {
        var document = new Document
        {
            new StringField(IndexFields.Id, source.Id.ToString(), Field.Store.YES),
            new StoredField(IndexFields.Name, source.Name),
            new StoredField(IndexFields.Slug, source.Slug),
            new StringField(IndexFields.ResourceType, source.ResourceType, Field.Store.YES),
            new StringField(IndexFields.Verified, source.Verified ? "true" : "false", Field.Store.YES),
            new StringField(IndexFields.Plan, source.Plan, Field.Store.YES),
            new TextField(IndexFields.NameText, source.Name, Field.Store.NO),
            new TextField(IndexFields.CategoryText, synonyms.CategoryText(source.CategoryName), Field.Store.NO),
            new TextField(IndexFields.DescriptionText, source.Description ?? "", Field.Store.NO),
            new TextField(IndexFields.PlaceText, $"{source.City} {source.Region}", Field.Store.NO),
            new TextField(IndexFields.NameWords, source.Name, Field.Store.NO),
            new TextField(IndexFields.CategoryWords, synonyms.CategoryText(source.CategoryName), Field.Store.NO),
            new StringField(IndexFields.NameKey, TextFolding.Fold(source.Name), Field.Store.NO),
            new DoubleDocValuesField(IndexFields.LatitudeValue, source.Latitude ?? double.NaN),
            new DoubleDocValuesField(IndexFields.LongitudeValue, source.Longitude ?? double.NaN),
            new NumericDocValuesField(IndexFields.PublishedValue, source.PublishedAt?.UtcTicks ?? 0),
            new NumericDocValuesField(IndexFields.TieBreakValue, TieBreak(source.Id)),
            new SortedDocValuesField(IndexFields.ResourceTypeFacet, new BytesRef(source.ResourceType)),
        };
        AddOptional(document, IndexFields.Description, source.Description);
        AddOptional(document, IndexFields.CategoryName, source.CategoryName);
        AddOptional(document, IndexFields.City, source.City);
        AddOptional(document, IndexFields.Region, source.Region);
        if (source.CategoryId is { } categoryId)
        {
            document.Add(new StringField(IndexFields.CategoryId, categoryId.ToString(), Field.Store.YES));
        }
        if (source.CategorySlug is { } slug)
        {
            document.Add(new StringField(IndexFields.CategorySlug, slug, Field.Store.YES));
        }
        if (source.CategoryName is { } categoryName)
        {
            document.Add(new SortedDocValuesField(IndexFields.CategoryFacet, new BytesRef(categoryName)));
        }
        if (source.City is { Length: > 0 } city)
        {
            document.Add(new StringField(IndexFields.CityKey, TextFolding.Fold(city), Field.Store.NO));
            document.Add(new SortedDocValuesField(IndexFields.CityFacet, new BytesRef(city)));
        }
        if (source.Region is { Length: > 0 } region)
        {
            document.Add(new StringField(IndexFields.RegionKey, TextFolding.Fold(region), Field.Store.NO));
        }
        if (source.Latitude is { } latitude && source.Longitude is { } longitude)
        {
            // Indexed numerics for the bounding-box prefilter; the exact distance comes from the doc values.
            document.Add(new DoubleField(IndexFields.Latitude, latitude, Field.Store.YES));
            document.Add(new DoubleField(IndexFields.Longitude, longitude, Field.Store.YES));
        }
        if (source.PublishedAt is { } publishedAt)
        {
            document.Add(new StoredField(IndexFields.PublishedAt, publishedAt.ToString("O", CultureInfo.InvariantCulture)));
        }
        return document;
    }

    public static SearchDocument FromLucene(Document document) => new(
        Guid.Parse(document.Get(IndexFields.Id)),
        document.Get(IndexFields.Name) ?? "",
        document.Get(IndexFields.Slug) ?? "",
        document.Get(IndexFields.Description),
        document.Get(IndexFields.ResourceType) ?? "",
        Guid.TryParse(document.Get(IndexFields.CategoryId), out var categoryId) ? categoryId : null,
        document.Get(IndexFields.CategoryName),
        document.Get(IndexFields.CategorySlug),
        document.Get(IndexFields.City),
        document.Get(IndexFields.Region),
        document.GetField(IndexFields.Latitude)?.GetDoubleValue(),
        document.GetField(IndexFields.Longitude)?.GetDoubleValue(),
        document.Get(IndexFields.Verified) == "true",
        document.Get(IndexFields.Plan) ?? "",
        DateTimeOffset.TryParse(document.Get(IndexFields.PublishedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null);

    /// <summary>
    /// A stable per-resource number that orders equal scores the same way on every request (stable paging). Both halves of the id
    /// count: the first half of a version 7 id is its creation time, shared by every resource created in the same millisecond.
    /// </summary>
    public static long TieBreak(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    private static void AddOptional(Document document, string field, string? value)
    {
        if (value is not null)
        {
            document.Add(new StoredField(field, value));
        }
    }
}
