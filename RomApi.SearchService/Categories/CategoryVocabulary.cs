namespace RomApi.SearchService.Categories;

/// <summary>
/// The kinds of place a query can name: OpenStreetMap's French presets grouped by feature (amenity/school, building/school and
/// education/school are one "school"), each with its labels and its French terms and aliases, plus whatever categories the
/// index holds that no preset names. <see cref="Build"/> ties them to the index's category names once per index generation;
/// the presets' phrases are analysed once, here.
/// </summary>
public sealed class CategoryVocabulary
{
    private const string ResourceName = "RomApi.SearchService.Categories.category-families-fr.json";

    private sealed record Family(string Label, IReadOnlyList<string> Labels, IReadOnlyList<string[]> Phrases, IReadOnlySet<string> LabelKeys, IReadOnlySet<string> CompoundKeys);

    private readonly List<Family> _families = [];
    private readonly Dictionary<string, List<int>> _byFoldedLabel = new(StringComparer.Ordinal);
    private readonly QueryPlanner _analysis;

    public CategoryVocabulary(QueryPlanner analysis)
    {
        _analysis = analysis;
        using var stream = typeof(CategoryVocabulary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var json = JsonDocument.Parse(stream);
        foreach (var family in json.RootElement.GetProperty("families").EnumerateObject())
        {
            var labels = family.Value.GetProperty("labels").EnumerateArray().Select(label => label.GetString()!).ToList();
            var terms = family.Value.GetProperty("terms").EnumerateArray().Select(term => term.GetString()!);
            Add(labels, labels.Concat(terms));
        }
    }

    public static CategoryVocabulary LoadEmbedded() => new(new QueryPlanner());

    /// <summary>Category phrase key -> entry, for the index's category names (those no preset names become categories of their own).</summary>
    public Dictionary<string, CategoryEntry> Build(IReadOnlyCollection<string> indexNames)
    {
        var indexNamesOf = new Dictionary<int, List<string>>();
        var extra = new List<Family>();
        foreach (var name in indexNames)
        {
            if (_byFoldedLabel.TryGetValue(TextFolding.Fold(name), out var families))
            {
                foreach (var family in families)
                {
                    (indexNamesOf.TryGetValue(family, out var names) ? names : indexNamesOf[family] = []).Add(name);
                }
            }
            else if (Phrase(name) is { Length: > 0 } phrase)
            {
                indexNamesOf[_families.Count + extra.Count] = [name];
                extra.Add(new Family(name, [name], [phrase], new HashSet<string> { QueryVocabulary.Key(phrase) },
                    _analysis.IsCompound(name) ? new HashSet<string> { QueryVocabulary.Key(phrase) } : new HashSet<string>()));
            }
        }
        var all = _families.Concat(extra).ToList();
        // A phrase that is some family's label names that family only ("restaurant" is a restaurant, though cafés list the word
        // among their terms); a phrase that is only a term names every family listing it ("coiffeur": hairdresser, barber).
        var familiesOf = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        var compounds = all.SelectMany(family => family.CompoundKeys).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            foreach (var phrase in all[i].Phrases)
            {
                var key = QueryVocabulary.Key(phrase);
                var isLabel = all[i].LabelKeys.Contains(key);
                if (labelled.Contains(key) && !isLabel)
                {
                    continue;
                }
                if (isLabel && labelled.Add(key))
                {
                    familiesOf.Remove(key);
                }
                (familiesOf.TryGetValue(key, out var set) ? set : familiesOf[key] = []).Add(i);
            }
        }
        // Inside a fixed expression of other families ("hotel de ville"), a phrase ("hotel") does not name its own; a plain
        // compound ("boulangerie pâtisserie") is not fixed: it still is a bakery.
        var fixedExpressions = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var (key, families) in familiesOf.Where(pair => compounds.Contains(pair.Key)))
        {
            var words = key.Split(' ');
            for (var start = 0; start < words.Length; start++)
            {
                for (var length = 1; start + length <= words.Length && length < words.Length; length++)
                {
                    var inner = QueryVocabulary.Key(words.Skip(start).Take(length));
                    if (familiesOf.TryGetValue(inner, out var innerFamilies) && !innerFamilies.Overlaps(families))
                    {
                        (fixedExpressions.TryGetValue(inner, out var list) ? list : fixedExpressions[inner] = []).Add(words);
                    }
                }
            }
        }
        var entries = new Dictionary<string, CategoryEntry>(familiesOf.Count, StringComparer.Ordinal);
        foreach (var (key, families) in familiesOf)
        {
            var names = families.SelectMany(family => indexNamesOf.GetValueOrDefault(family) ?? []).Distinct().ToList();
            var label = names.FirstOrDefault(name => QueryVocabulary.Key(Phrase(name)) == key) ?? names.FirstOrDefault()
                ?? families.Select(family => all[family].Labels.FirstOrDefault(l => QueryVocabulary.Key(Phrase(l)) == key)).FirstOrDefault(l => l is not null)
                ?? all[families.First()].Label;
            entries[key] = new CategoryEntry(label, names, families.SelectMany(family => all[family].Phrases).DistinctBy(QueryVocabulary.Key).ToList(),
                fixedExpressions.GetValueOrDefault(key) ?? []);
        }
        return entries;
    }

    private void Add(IReadOnlyList<string> labels, IEnumerable<string> names)
    {
        var named = names.ToList();
        var phrases = named.Select(Phrase).Where(phrase => phrase.Length > 0).DistinctBy(QueryVocabulary.Key).ToList();
        if (phrases.Count == 0)
        {
            return;
        }
        foreach (var label in labels)
        {
            var folded = TextFolding.Fold(label);
            (_byFoldedLabel.TryGetValue(folded, out var list) ? list : _byFoldedLabel[folded] = []).Add(_families.Count);
        }
        _families.Add(new Family(labels[0], labels, phrases, labels.Select(label => QueryVocabulary.Key(Phrase(label))).ToHashSet(StringComparer.Ordinal),
            named.Where(_analysis.IsCompound).Select(name => QueryVocabulary.Key(Phrase(name))).ToHashSet(StringComparer.Ordinal)));
    }

    private string[] Phrase(string text) => _analysis.ContentWords(text).Take(QueryVocabulary.MaxPhraseWords).Select(word => word.Stem).ToArray();
}
