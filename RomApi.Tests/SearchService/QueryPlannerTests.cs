using RomApi.SearchService.SearchIndex.Planning;

namespace RomApi.Tests.SearchService;

/// <summary>Which words of a query count, and how many must match: the rules both engines build their queries from.</summary>
public sealed class QueryPlannerTests : IDisposable
{
    private readonly QueryPlanner _planner = new();

    public void Dispose() => _planner.Dispose();

    [Theory]
    [InlineData("Qui gère le stade Giuseppe-Meazza ?", new[] { "gere", "stade", "giuseppe", "meazza" })]
    [InlineData("Combien de personnes ont été massacrées ?", new[] { "personnes", "massacrees" })]
    [InlineData("Comment présente-t-il l'équipe ?", new[] { "presente", "equipe" })]
    [InlineData("What is the weather API of the city?", new[] { "weather", "api", "city" })]
    public void Stop_and_question_words_are_left_out(string text, string[] folded)
    {
        var plan = _planner.Plan(text)!;
        Assert.Equal(folded, plan.Words.Select(word => word.Folded));
    }

    [Theory]
    [InlineData("Le Monde", new[] { "monde" })]
    [InlineData("Qui est-ce ?", new[] { "qui", "est", "ce" })]
    [InlineData("The Who", new[] { "the", "who" })]
    public void A_query_of_only_stop_words_keeps_them(string text, string[] folded) =>
        Assert.Equal(folded, _planner.Plan(text)!.Words.Select(word => word.Folded));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 3)]
    [InlineData(10, 6)]
    [InlineData(32, 19)]
    public void Minimum_should_match_grows_with_the_query(int words, int required) =>
        Assert.Equal(required, MinimumShouldMatch.Default.Required(words));

    [Theory]
    [InlineData("3<90%", 3, 3)]
    [InlineData("3<90%", 10, 9)]
    [InlineData("2<-25% 9<-3", 8, 6)]
    [InlineData("2<-25% 9<-3", 12, 9)]
    [InlineData("1<1", 7, 1)]
    public void Minimum_should_match_reads_elasticsearch_syntax(string spec, int words, int required) =>
        Assert.Equal(required, new MinimumShouldMatch(spec).Required(words));

    [Theory]
    [InlineData("60%")]
    [InlineData("2<")]
    [InlineData("x<1")]
    public void A_bad_minimum_should_match_is_refused(string spec) => Assert.Throws<FormatException>(() => new MinimumShouldMatch(spec));

    [Fact]
    public void Few_results_relax_a_query_to_any_word_with_the_strict_matches_first()
    {
        var plan = _planner.Plan("stade football Milan commune")!;
        Assert.Equal(3, plan.Required);
        var relaxed = plan.Relaxed(QueryPlan.RelaxBelow - 1);
        Assert.NotNull(relaxed);
        Assert.Equal(1, relaxed.Required);
        Assert.Equal(3, relaxed.RankFirstWith);
        Assert.Null(plan.Relaxed(QueryPlan.RelaxBelow));
        Assert.Null(_planner.Plan("stade")!.Relaxed(0));
    }

    [Theory]
    [InlineData("bar", 0)]
    [InlineData("hotel", 1)]
    [InlineData("pharmacei", 2)]
    [InlineData("restaurant", 2)]
    public void Typos_allowed_grow_with_the_word(string word, int edits) =>
        Assert.Equal(edits, QueryPlan.MaxEdits(_planner.Plan(word)!.Words.Single()));

    [Fact]
    public void Punctuation_alone_plans_nothing_and_blank_plans_everything()
    {
        Assert.Null(_planner.Plan("? : ( ) [ ]"));
        Assert.True(_planner.Plan("  ")!.MatchesEverything);
    }
}
