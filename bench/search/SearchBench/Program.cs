// Search benchmark: the same 100,000 rows in the search service's Lucene engine and in PostgreSQL full-text search
// (tsvector + unaccent, pg_trgm, earthdistance), one query mix against both in one run.
// Usage: dotnet run -c Release -- <shared-data-dir> <postgres-connection-string> [documents=100000] [queries-per-kind=2000]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RomApi.SearchService.SearchIndex;

var dataDir = args[0];
var pgConnection = args[1];
var target = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
var perKind = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;

var documents = Rows.Load(dataDir, target);
Console.WriteLine($"documents: {documents.Count}");

// --- Lucene: indexing throughput and size
var folder = Path.Combine(Path.GetTempPath(), "romapi-search-bench-" + Guid.NewGuid().ToString("N"));
var index = await InProcessLucene.StartAsync(folder);
var watch = Stopwatch.StartNew();
await InProcessLucene.BulkLoadAsync(index, documents);
var luceneIndexSeconds = watch.Elapsed.TotalSeconds;
var luceneBytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
Console.WriteLine($"lucene indexing: {documents.Count / luceneIndexSeconds:F0} docs/s ({luceneIndexSeconds:F1} s), index size {luceneBytes / 1048576.0:F1} MiB");

// --- PostgreSQL: load the same rows
await using var pg = NpgsqlDataSource.Create(pgConnection);
watch.Restart();
await Postgres.LoadAsync(pg, documents);
var pgSeconds = watch.Elapsed.TotalSeconds;
await using (var size = pg.CreateCommand("SELECT pg_total_relation_size('resources')"))
{
    Console.WriteLine($"postgres load+index: {documents.Count / pgSeconds:F0} docs/s ({pgSeconds:F1} s), table+indexes {(long)(await size.ExecuteScalarAsync())! / 1048576.0:F1} MiB");
}

// --- The query mix
var words = new[] { "pharmacie", "restaurant", "boutique", "ecole", "banque", "coiffure", "hotel", "station", "eglise", "quincaillerie", "boulangerie", "garage" };
var cities = new[] { "Douala", "Yaoundé", "Bafoussam", "Garoua", "Bamenda" };
var centres = new[] { (4.04827, 9.70428), (3.86667, 11.51667), (5.47775, 10.41759) };
var prefixes = new[] { "pharm", "bou", "eco", "res", "sup", "ban", "sta", "hot", "gar", "qui" };
var questions = new[] { "Où trouver une pharmacie à Douala ?", "Quelle est la meilleure boulangerie de Yaoundé ?", "Y a-t-il une station service près de la gare ?",
    "Comment trouver un hôtel à Bafoussam ?", "Quel restaurant est ouvert à Garoua ?", "Où est l'école primaire publique ?" };
var typos = new[] { "pharmacei", "restaurnat", "boulangrie", "quincailleire", "supermarhce", "hotle" };

var kinds = new (string Kind, Func<int, SearchIndexQuery?> Lucene, Func<int, Task> Postgres, Func<int, Task>? LuceneOther)[]
{
    ("text", i => new SearchIndexQuery(words[i % words.Length], 20, 0), i => global::Postgres.TextAsync(pg, words[i % words.Length], null, null), null),
    ("text+filters", i => new SearchIndexQuery(words[i % words.Length], 20, 0, City: cities[i % cities.Length], ResourceType: "BUSINESS"),
        i => global::Postgres.TextAsync(pg, words[i % words.Length], cities[i % cities.Length], "BUSINESS"), null),
    ("text+geo+facets", i => new SearchIndexQuery(words[i % words.Length], 20, 0, SearchSort.Distance, Geo: new GeoFilter(centres[i % 3].Item1, centres[i % 3].Item2, 10)),
        i => global::Postgres.GeoFacetsAsync(pg, words[i % words.Length], centres[i % 3].Item1, centres[i % 3].Item2, 10), null),
    ("match-all+facets", i => new SearchIndexQuery("", 20, 0, FacetSize: 100), _ => global::Postgres.MatchAllFacetsAsync(pg), null),
    ("natural question", i => new SearchIndexQuery(questions[i % questions.Length], 20, 0), i => global::Postgres.OrAsync(pg, questions[i % questions.Length]), null),
    ("typo", i => new SearchIndexQuery(typos[i % typos.Length], 20, 0), i => global::Postgres.TrigramAsync(pg, typos[i % typos.Length]), null),
    ("suggest", _ => null, i => global::Postgres.SuggestAsync(pg, prefixes[i % prefixes.Length]),
        i => index.SuggestAsync(prefixes[i % prefixes.Length], 10, CancellationToken.None)),
};

Console.WriteLine();
Console.WriteLine("| query | engine | p50 ms | p95 ms | p99 ms | queries/s | lucene/pg throughput |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (kind, luceneQuery, postgres, luceneOther) in kinds)
{
    Func<int, Task> lucene = luceneOther ?? (i => index.SearchAsync(luceneQuery(i)!, CancellationToken.None));
    var l = await Measure.RunAsync(lucene, perKind);
    var p = await Measure.RunAsync(postgres, perKind);
    Console.WriteLine($"| {kind} | Lucene | {l.P50:F2} | {l.P95:F2} | {l.P99:F2} | {l.Qps:F0} | {l.Qps / p.Qps:F1}x |");
    Console.WriteLine($"| {kind} | PostgreSQL | {p.P50:F2} | {p.P95:F2} | {p.P99:F2} | {p.Qps:F0} | |");
}

Console.WriteLine();
foreach (var text in new[] { "pharmacei", "ecole primaire", "hotel" })
{
    var page = await index.SearchAsync(new SearchIndexQuery(text, 10, 0), CancellationToken.None);
    Console.WriteLine($"top 10 for \"{text}\" ({page.Total} results): {string.Join(" | ", page.Hits.Select(hit => hit.Document.Name))}");
}

await index.StopAsync(CancellationToken.None);
Directory.Delete(folder, recursive: true);

static class Measure
{
    public static async Task<(double P50, double P95, double P99, double Qps)> RunAsync(Func<int, Task> query, int count)
    {
        for (var i = 0; i < Math.Min(200, count); i++)
        {
            await query(i); // warm-up: JIT, caches, plans
        }
        var samples = new double[count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await query(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var seconds = total.Elapsed.TotalSeconds;
        Array.Sort(samples);
        double At(double q) => samples[Math.Min(count - 1, (int)(q * count))];
        return (At(0.50), At(0.95), At(0.99), count / seconds);
    }
}
