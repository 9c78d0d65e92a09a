// Relevance benchmark (issue 13): each PIAF paragraph is a resource (name = title, description = text, DATA); each question is a
// search whose right answer is its paragraph. recall@10 and MRR@10 for ROMAPI and for PostgreSQL full-text search on the same
// rows, in the same run. Usage:
//   dotnet run -c Release -- <piaf.jsonl> <postgres-connection-string> [--gateway URL --email E --password P] [--misses N]
// Without --gateway the search service's Lucene engine runs in this process.
using System.Globalization;
using Npgsql;

var path = args[0];
var pgConnection = args[1];
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var misses = int.Parse(Option("--misses") ?? "10", CultureInfo.InvariantCulture);

var paragraphs = Paragraph.Load(path);
var questions = paragraphs.SelectMany(p => p.Questions.Select(q => (Paragraph: p, Question: q))).ToList();
Console.WriteLine($"paragraphs: {paragraphs.Count}, questions: {questions.Count}");

await using IRomapi romapi = Option("--gateway") is { } gateway
    ? new ThroughGateway(new Uri(gateway), Option("--email") ?? "admin@romapi.local", Option("--password") ?? throw new ArgumentException("--password"))
    : new InProcess();
await using var pg = NpgsqlDataSource.Create(pgConnection);
var postgres = new Postgres(pg);
await romapi.LoadAsync(paragraphs);
await postgres.LoadAsync(paragraphs);

// Folds by article (title): every paragraph of an article in one fold, articles dealt to the folds in the order of a hash of their
// title, so a fold is a held-out set of articles. The index holds every paragraph; each fold scores its own questions.
const int Folds = 5;
var foldOf = paragraphs.Select(p => p.Title).Distinct()
    .OrderBy(title => Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(title))), StringComparer.Ordinal)
    .Select((title, i) => (title, i % Folds)).ToDictionary(x => x.title, x => x.Item2);
var oursByFold = Enumerable.Range(0, Folds).Select(_ => new Scores()).ToArray();
var theirsByFold = Enumerable.Range(0, Folds).Select(_ => new Scores()).ToArray();
var ours = new Scores();
var theirs = new Scores();
var missed = new List<(string Question, string Expected, List<string> Got, int? PgRank)>();
foreach (var (paragraph, question) in questions)
{
    var romapiIds = await romapi.SearchAsync(question);
    var pgIds = await postgres.SearchAsync(question);
    int? Rank(List<string> ids) => ids.IndexOf(paragraph.Id) is var i and >= 0 ? i + 1 : null;
    ours.Add(Rank(romapiIds));
    theirs.Add(Rank(pgIds));
    oursByFold[foldOf[paragraph.Title]].Add(Rank(romapiIds));
    theirsByFold[foldOf[paragraph.Title]].Add(Rank(pgIds));
    if (Rank(romapiIds) is null)
    {
        missed.Add((question, $"{paragraph.Id} \"{paragraph.Title}\"", romapiIds, Rank(pgIds)));
    }
}

Console.WriteLine();
Console.WriteLine("| engine | questions | recall@10 | MRR@10 |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| {romapi.Label} | {ours.Questions} | {ours.Recall:F3} | {ours.Mrr:F3} |");
Console.WriteLine($"| PostgreSQL FTS (french+unaccent, A/C, lexemes OR-ed, ts_rank_cd) | {theirs.Questions} | {theirs.Recall:F3} | {theirs.Mrr:F3} |");
Console.WriteLine();
Console.WriteLine($"Folds by article ({Folds}); the mean over folds:");
Console.WriteLine("| fold | articles | questions | ROMAPI recall@10 | ROMAPI MRR@10 | PostgreSQL recall@10 | PostgreSQL MRR@10 |");
Console.WriteLine("|---|---|---|---|---|---|---|");
for (var f = 0; f < Folds; f++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {f + 1} | {foldOf.Count(x => x.Value == f)} | {oursByFold[f].Questions} | {oursByFold[f].Recall:F3} | {oursByFold[f].Mrr:F3} | {theirsByFold[f].Recall:F3} | {theirsByFold[f].Mrr:F3} |"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| mean | {foldOf.Count} | {ours.Questions} | {oursByFold.Average(s => s.Recall):F3} | {oursByFold.Average(s => s.Mrr):F3} | {theirsByFold.Average(s => s.Recall):F3} | {theirsByFold.Average(s => s.Mrr):F3} |"));
Console.WriteLine();
Console.WriteLine($"ROMAPI misses {missed.Count} questions; the first {Math.Min(misses, missed.Count)} (every {Math.Max(1, missed.Count / Math.Max(1, misses))}th):");
foreach (var miss in missed.Where((_, i) => i % Math.Max(1, missed.Count / Math.Max(1, misses)) == 0).Take(misses))
{
    Console.WriteLine($"- \"{miss.Question}\" -> expected {miss.Expected}; got {miss.Got.Count} hits [{string.Join(", ", miss.Got.Take(3))}...]; PostgreSQL rank {miss.PgRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
}
