using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Full-text analysis: standard words, French elision removed (l', d', qu'...), lower case, accents folded,
/// then light French and minimal English stemming ("pharmacies" and "Pharmacie" meet on one stem).
/// The same chain runs at index and query time.
/// </summary>
public sealed class ResourceTextAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static readonly string[] ElidedArticles = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"];

    private static readonly CharArraySet Articles = new(Version, ElidedArticles, ignoreCase: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new ElisionFilter(tokenizer, Articles);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new FrenchLightStemFilter(stream);
        stream = new EnglishMinimalStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>
/// Words with elision removed, lower-cased and folded but not stemmed: the form stop words are looked up in, typos are measured
/// against and suggestions complete.
/// </summary>
public sealed class QueryFoldingAnalyzer : Analyzer
{
    private static readonly CharArraySet Articles = new(ResourceTextAnalyzer.Version, ResourceTextAnalyzer.ElidedArticles, ignoreCase: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(ResourceTextAnalyzer.Version, reader);
        TokenStream stream = new ElisionFilter(tokenizer, Articles);
        stream = new LowerCaseFilter(ResourceTextAnalyzer.Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>What the index writer analyses with: folded unstemmed words for the typo fields, the full chain for the rest.</summary>
public sealed class IndexingAnalyzer : AnalyzerWrapper
{
    private readonly ResourceTextAnalyzer _text = new();
    private readonly QueryFoldingAnalyzer _words = new();

    public IndexingAnalyzer() : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    protected override Analyzer GetWrappedAnalyzer(string fieldName) =>
        fieldName is IndexFields.NameWords or IndexFields.CategoryWords ? _words : _text;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _text.Dispose();
            _words.Dispose();
        }
        base.Dispose(disposing);
    }
}
