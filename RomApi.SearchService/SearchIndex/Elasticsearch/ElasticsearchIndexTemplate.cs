using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// The index template of a replica's indices. The analysis mirrors the Lucene engine: elision, lower case, ASCII folding,
/// light_french and minimal_english stemmers for text; a ".words" sub-field with the same chain minus stemming, which typo
/// matching compares against (as Lucene's name_words and category_words); an edge n-gram sub-field for suggestions.
/// </summary>
public static class ElasticsearchIndexTemplate
{
    public const string TextAnalyzer = "romapi_text";
    public const string WordsAnalyzer = "romapi_words";
    public const string SuggestAnalyzer = "romapi_suggest";
    public const string FoldingAnalyzer = "romapi_folding";
    public const string FoldedNormalizer = "romapi_folded";

    public static PutIndexTemplateRequest Request(string name, string pattern) => new(name)
    {
        IndexPatterns = pattern,
        Template = new IndexTemplateMapping
        {
            Settings = new IndexSettings
            {
                NumberOfShards = 1,
                RefreshInterval = TimeSpan.FromSeconds(1),
                Analysis = new IndexSettingsAnalysis
                {
                    TokenFilters = new TokenFilters
                    {
                        { "romapi_elision", new ElisionTokenFilter { ArticlesCase = true, Articles = [.. ResourceTextAnalyzer.ElidedArticles] } },
                        { "romapi_french_stem", new StemmerTokenFilter { Language = "light_french" } },
                        { "romapi_english_stem", new StemmerTokenFilter { Language = "minimal_english" } },
                        { "romapi_edge", new EdgeNGramTokenFilter { MinGram = 1, MaxGram = 20 } },
                    },
                    Analyzers = new Analyzers
                    {
                        { TextAnalyzer, Custom("romapi_elision", "lowercase", "asciifolding", "romapi_french_stem", "romapi_english_stem") },
                        { WordsAnalyzer, Custom("romapi_elision", "lowercase", "asciifolding") },
                        { SuggestAnalyzer, Custom("lowercase", "asciifolding", "romapi_edge") },
                        { FoldingAnalyzer, Custom("lowercase", "asciifolding") },
                    },
                    Normalizers = new Normalizers { { FoldedNormalizer, new CustomNormalizer { Filter = ["lowercase", "asciifolding"] } } },
                },
            },
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { "id", new KeywordProperty() },
                    {
                        "name", new TextProperty
                        {
                            Analyzer = TextAnalyzer,
                            Fields = new Properties
                            {
                                { "words", new TextProperty { Analyzer = WordsAnalyzer } },
                                { "suggest", new TextProperty { Analyzer = SuggestAnalyzer, SearchAnalyzer = FoldingAnalyzer } },
                            },
                        }
                    },
                    { "nameKey", new KeywordProperty { Normalizer = FoldedNormalizer } },
                    { "slug", new KeywordProperty { Index = false } },
                    { "description", new TextProperty { Analyzer = TextAnalyzer } },
                    {
                        "category", new TextProperty
                        {
                            Analyzer = TextAnalyzer,
                            Fields = new Properties { { "words", new TextProperty { Analyzer = WordsAnalyzer } } },
                        }
                    },
                    { "place", new TextProperty { Analyzer = TextAnalyzer } },
                    { "categoryId", new KeywordProperty() },
                    { "categoryName", new KeywordProperty() },
                    { "categorySlug", new KeywordProperty() },
                    { "city", new KeywordProperty() },
                    { "cityKey", new KeywordProperty { Normalizer = FoldedNormalizer } },
                    { "region", new KeywordProperty() },
                    { "regionKey", new KeywordProperty { Normalizer = FoldedNormalizer } },
                    { "resourceType", new KeywordProperty() },
                    { "plan", new KeywordProperty() },
                    { "verified", new BooleanProperty() },
                    { "location", new GeoPointProperty() },
                    { "latitude", new DoubleNumberProperty { Index = false } },
                    { "longitude", new DoubleNumberProperty { Index = false } },
                    { "publishedAt", new DateProperty() },
                    { "tieBreak", new LongNumberProperty() },
                },
            },
        },
    };

    private static CustomAnalyzer Custom(params string[] filters) => new() { Tokenizer = "standard", Filter = filters };
}
