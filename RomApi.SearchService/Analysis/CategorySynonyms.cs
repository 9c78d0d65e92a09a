namespace RomApi.SearchService.Analysis;

/// <summary>
/// French synonyms of category names (OpenStreetMap preset terms_fr, e.g. "Salon de coiffure" -> coiffeur, barbier),
/// added to a resource's category text when it is indexed, so a search for "coiffeur" finds a hairdresser.
/// Expanding at index time keeps the query side identical for both engines.
/// </summary>
public sealed class CategorySynonyms
{
    private const string ResourceName = "RomApi.SearchService.Analysis.category-synonyms-fr.json";

    private readonly Dictionary<string, string[]> _byFoldedName;

    public CategorySynonyms(IReadOnlyDictionary<string, string[]> byName) =>
        _byFoldedName = byName.GroupBy(pair => TextFolding.Fold(pair.Key))
            .ToDictionary(group => group.Key, group => group.SelectMany(pair => pair.Value).Distinct().ToArray());

    public static CategorySynonyms LoadEmbedded()
    {
        using var stream = typeof(CategorySynonyms).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var json = JsonDocument.Parse(stream);
        var byName = json.RootElement.GetProperty("synonyms").EnumerateObject()
            .ToDictionary(entry => entry.Name, entry => entry.Value.EnumerateArray().Select(term => term.GetString()!).ToArray());
        return new CategorySynonyms(byName);
    }

    public IReadOnlyList<string> For(string? categoryName) =>
        categoryName is not null && _byFoldedName.TryGetValue(TextFolding.Fold(categoryName), out var terms) ? terms : [];

    /// <summary>The category text to index: its name followed by its synonyms.</summary>
    public string CategoryText(string? categoryName) =>
        categoryName is null ? "" : string.Join(' ', new[] { categoryName }.Concat(For(categoryName)));
}
