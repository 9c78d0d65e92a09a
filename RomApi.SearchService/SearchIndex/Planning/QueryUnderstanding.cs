namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>How a named place was used: as a filter, or dropped because nothing matched the rest of the query there.</summary>
public enum PlaceUse { Filter, Dropped }

/// <summary>How a named category was used: as the scope of the answer, or ranking its resources first among mentions.</summary>
public enum CategoryUse { Filter, Boost }

/// <summary>What a search understood in its text and what it did with it; the API shows it in meta.place and meta.category.</summary>
public sealed record QueryUnderstanding(PlaceSense? Place, PlaceUse? PlaceUse, CategorySense? Category, CategoryUse? CategoryUse)
{
    /// <summary>The understanding of the <paramref name="understood"/> plan, given the fallback that <paramref name="answered"/>.</summary>
    public static QueryUnderstanding? Of(QueryPlan understood, QueryPlan answered) =>
        understood.Place is null && understood.Category is null
            ? null
            : new(understood.Place,
                understood.Place is null ? null : answered.Place is null ? Planning.PlaceUse.Dropped : Planning.PlaceUse.Filter,
                answered.Category ?? understood.Category,
                (answered.Category ?? understood.Category) is null ? null
                    : answered.Category is { Scoped: true } ? Planning.CategoryUse.Filter : Planning.CategoryUse.Boost);
}
