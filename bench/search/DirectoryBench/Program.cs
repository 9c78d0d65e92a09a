// Directory benchmark (issue 21): "<category label> <city>" queries, typed folded ("pharmacie douala"), for every pair with at
// least 5 resources in data/osm-pois-cm.jsonl; precision@10 of the search service's Lucene engine (in this process, over the
// rows the loader ingests: the OSM places and the public APIs) next to PostgreSQL full-text search on the same rows, one run.
// A hit is right when its category is the pair's label and its city the pair's city. Usage:
//   dotnet run -c Release -- <data folder> <postgres-connection-string> [--examples "q1|q2|..."]
using System.Globalization;
using Npgsql;
using RomApi.SearchService.SearchIndex;
using RomApi.Text;

var data = args[0];
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

var documents = Rows.Osm(Path.Combine(data, "osm-pois-cm.jsonl")).Concat(Rows.PublicApis(Path.Combine(data, "public-apis.jsonl"))).ToList();
var pairs = documents.Where(d => d.ResourceType == "BUSINESS" && d.CategoryName is not null && d.City is not null)
    .GroupBy(d => (Label: d.CategoryName!, City: d.City!))
    .Where(g => g.Count() >= 5)
    .Select(g => (g.Key.Label, g.Key.City, Relevant: g.Count(), Query: TextFolding.FoldToWords($"{g.Key.Label} {g.Key.City}")))
    .OrderBy(p => p.Query, StringComparer.Ordinal)
    .ToList();
Console.WriteLine($"resources: {documents.Count}, pairs with >= 5 resources: {pairs.Count}");

await using var engine = await Engine.StartAsync(documents);
await using var pg = NpgsqlDataSource.Create(args[1]);
var postgres = new PostgresDirectory(pg);
await postgres.LoadAsync(documents);

if (Option("--examples") is { } examples)
{
    foreach (var q in examples.Split('|'))
    {
        var page = await engine.SearchAsync(q, 5);
        Console.WriteLine($"### {q}  (total {page.Total}; {Engine.Describe(page)})");
        foreach (var hit in page.Hits)
        {
            Console.WriteLine($"- {hit.Document.Name} | {hit.Document.CategoryName} | {hit.Document.City}");
        }
        Console.WriteLine();
    }
}

var ours = new Precision();
var theirs = new Precision();
var worst = new List<(string Query, double Precision, string Got)>();
foreach (var pair in pairs)
{
    var page = await engine.SearchAsync(pair.Query, 10);
    var hits = page.Hits.Select(h => (h.Document.CategoryName, h.Document.City)).ToList();
    var pgHits = await postgres.SearchAsync(pair.Query);
    var p = ours.Add(hits, pair.Label, pair.City, pair.Relevant);
    theirs.Add(pgHits, pair.Label, pair.City, pair.Relevant);
    if (p < 1)
    {
        worst.Add((pair.Query, p, string.Join("; ", page.Hits.Take(4).Select(h => $"{h.Document.Name} [{h.Document.CategoryName}, {h.Document.City}]"))));
    }
}
Console.WriteLine();
Console.WriteLine("| engine | queries | precision@10 (right / returned, top 10) | precision@10 (right / min(10, relevant)) | queries with a right hit |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine(ours.Row("ROMAPI (Lucene engine in process)"));
Console.WriteLine(theirs.Row("PostgreSQL FTS (french+unaccent, name A / category B / description C, all lexemes AND-ed, ts_rank_cd)"));
Console.WriteLine();
Console.WriteLine($"ROMAPI below 1.0 on {worst.Count} queries; the worst 10:");
foreach (var w in worst.OrderBy(w => w.Precision).Take(10))
{
    Console.WriteLine($"- \"{w.Query}\" {w.Precision:F2}: {w.Got}");
}

/// <summary>Precision over the returned top 10 (0 when nothing is returned), and over min(10, relevant).</summary>
sealed class Precision
{
    private int _queries, _withRight;
    private double _returned, _relevant;

    public double Add(IReadOnlyList<(string? Category, string? City)> hits, string label, string city, int relevant)
    {
        var right = hits.Take(10).Count(h => h.Category == label && h.City == city);
        var p = hits.Count == 0 ? 0 : (double)right / Math.Min(10, hits.Count);
        _queries++;
        _returned += p;
        _relevant += (double)right / Math.Min(10, relevant);
        _withRight += right > 0 ? 1 : 0;
        return p;
    }

    public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {_queries} | {_returned / _queries:F3} | {_relevant / _queries:F3} | {_withRight}/{_queries} |");
}
