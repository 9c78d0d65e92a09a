namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>How a named place was used: as a filter, or dropped because nothing matched the rest of the query there.</summary>
public enum PlaceUse { Filter, Dropped }

/// <summary>What a search understood in its text and what it did with it; the API shows it in meta.place and meta.category.</summary>
public sealed record QueryUnderstanding(PlaceSense? Place, PlaceUse? PlaceUse, CategorySense? Category)
{
    /// <summary>The understanding of the <paramref name="understood"/> plan, given the plan (it or its fallback) that <paramref name="answered"/>.</summary>
    public static QueryUnderstanding? Of(QueryPlan understood, QueryPlan answered) =>
        understood.Place is null && understood.Category is null
            ? null
            : new(understood.Place,
                understood.Place is null ? null : answered.Place is null ? Planning.PlaceUse.Dropped : Planning.PlaceUse.Filter,
                understood.Category);
}
