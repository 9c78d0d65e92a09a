namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>
/// French and English function words and question words, folded (no accents, lower case). A query's words in this list never
/// have to match: "Qui gère le stade ?" needs "gère" and "stade", not "qui" and "le". A query made only of them keeps them all.
/// </summary>
public static class StopWords
{
    private static readonly string[] French =
    [
        "a", "ai", "aie", "aient", "aies", "ait", "as", "au", "aura", "aurai", "auraient", "aurais", "aurait", "auras", "aurez", "auriez",
        "aurions", "aurons", "auront", "aux", "avaient", "avais", "avait", "avec", "avez", "aviez", "avions", "avoir", "avons", "ayant",
        "ayez", "ayons", "c", "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chez", "d", "dans", "de",
        "des", "du", "elle", "elles", "en", "es", "est", "et", "etaient", "etais", "etait", "etant", "ete", "etee", "etees", "etes",
        "etiez", "etions", "etre", "eu", "eue", "eues", "eumes", "eurent", "eus", "eusse", "eussent", "eusses", "eussiez", "eussions",
        "eut", "eutes", "eux", "fumes", "furent", "fus", "fusse", "fussent", "fusses", "fussiez", "fussions", "fut", "futes", "il",
        "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "memes", "mes", "moi", "mon",
        "n", "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "quel", "quelle", "quelles", "quels",
        "qui", "quoi", "s", "sa", "sans", "se", "sera", "serai", "seraient", "serais", "serait", "seras", "serez", "seriez", "serions",
        "serons", "seront", "ses", "soi", "soient", "sois", "soit", "sommes", "son", "sont", "soyez", "soyons", "suis", "sur", "t", "ta",
        "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
        // Question words and the verbs that carry a question ("Combien de ... y a-t-il ?", "Comment s'appelle ...").
        "combien", "comment", "pourquoi", "quand", "lequel", "laquelle", "lesquels", "lesquelles", "dont", "auquel", "auxquels",
        "duquel", "desquels", "fait", "faut", "peut", "y",
    ];

    private static readonly string[] English =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
        "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "do", "does", "did",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "i", "you", "he", "she", "we", "my", "your", "its",
    ];

    private static readonly HashSet<string> All = French.Concat(English).Select(TextFolding.Fold).ToHashSet(StringComparer.Ordinal);

    /// <summary>True for a folded word (as <see cref="QueryPlanner"/> produces it) that never has to match.</summary>
    public static bool Contains(string foldedWord) => All.Contains(foldedWord);
}
