// Throughput benchmark, first half (bench/search/throughput.sh runs the HTTP half with wrk): builds the search service's Lucene
// index of the 100,000 benchmark rows in the folder the service will open, loads the same rows into PostgreSQL, then measures
// the queries the HTTP run sends, with the same concurrency, in process (the service's LuceneSearchIndex, no HTTP) and on
// PostgreSQL full-text search (page, total and the three facets in one round trip, as the service answers).
// Usage: dotnet run -c Release -- <shared-data-dir> <index-folder> <postgres-connection-string> [documents=100000] [seconds=5] [concurrency=20]
// An index folder that already holds the documents is reused as it is; a connection string "-" skips PostgreSQL.
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using RomApi.SearchService.SearchIndex;

var dataDir = args[0];
var indexFolder = args[1];
var pgConnection = args[2];
var target = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 5;
var concurrency = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 20;

var documents = Rows.Load(dataDir, target);
var index = await InProcessLucene.StartAsync(indexFolder);
var watch = Stopwatch.StartNew();
if (await index.CountAsync(CancellationToken.None) == documents.Count)
{
    Console.WriteLine($"lucene: reusing the index of {documents.Count} documents in {indexFolder}");
}
else
{
    await InProcessLucene.BulkLoadAsync(index, documents);
    Console.WriteLine($"lucene: {documents.Count} documents indexed in {watch.Elapsed.TotalSeconds:F1} s");
}

var withPostgres = pgConnection != "-";
await using var pg = NpgsqlDataSource.Create(withPostgres ? pgConnection : "Host=127.0.0.1");
if (withPostgres)
{
    watch.Restart();
    await Postgres.LoadAsync(pg, documents);
    Console.WriteLine($"postgres: same rows loaded and indexed in {watch.Elapsed.TotalSeconds:F1} s");
}

var kinds = new (string Label, string Text)[] { ("q=pharmacie", "pharmacie"), ("q=hotel douala (two words, facets)", "hotel douala"), ("q=xyzzy (no match)", "xyzzy"), ("q= (empty: everything, facets)", "") };
Console.WriteLine();
Console.WriteLine($"| query | engine | req/s | p50 ms | p99 ms | CPU ms/query | total |");
Console.WriteLine("|---|---|---|---|---|---|---|");
// ONLY=<label prefix> measures one query kind (for profiling one query at a time).
foreach (var (label, text) in kinds.Where(kind => Environment.GetEnvironmentVariable("ONLY") is not { } only || kind.Label.StartsWith(only, StringComparison.Ordinal)))
{
    var query = new SearchIndexQuery(text, 20, 0);
    var total = (await index.SearchAsync(query, CancellationToken.None)).Total;
    var lucene = await Load.RunAsync(() => index.SearchAsync(query, CancellationToken.None), concurrency, seconds);
    Console.WriteLine($"| {label} | Lucene in process | {lucene.Rps:F0} | {lucene.P50:F2} | {lucene.P99:F2} | {lucene.CpuMs:F3} | {total} |");
    if (withPostgres)
    {
        var postgres = await Load.RunAsync(() => text.Length == 0 ? Postgres.MatchAllFacetsAsync(pg) : Postgres.TextFacetsAsync(pg, text), concurrency, seconds);
        Console.WriteLine($"| {label} | PostgreSQL FTS | {postgres.Rps:F0} | {postgres.P50:F2} | {postgres.P99:F2} | | |");
    }
}

// Distinct queries, each asked once (the engine keeps the answer to a repeated search per index reader, so the repeated
// queries above measure that cache; this row measures the engine itself): bench/load/queries-cm.txt in order.
var distinctPath = Path.Combine(AppContext.BaseDirectory, "queries-cm.txt");
if (File.Exists(distinctPath) && Environment.GetEnvironmentVariable("ONLY") is null or "distinct")
{
    var distinct = File.ReadAllLines(distinctPath).Where(line => line.Length > 0).ToArray();
    // Two laps, the second measured: the first compiles the code and builds what the engine keeps per generation; the page
    // size differs between laps, so no answer of the first is reused.
    for (var lap = 1; lap <= 2; lap++)
    {
        var next = -1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch2 = Stopwatch.StartNew();
        var latencies = (await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var samples = new List<double>();
            for (var i = Interlocked.Increment(ref next); i < distinct.Length; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                await index.SearchAsync(new SearchIndexQuery(distinct[i], 19 + lap, 0), CancellationToken.None);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return samples;
        })))).SelectMany(s => s).Order().ToList();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / distinct.Length;
        if (lap == 2)
        {
            Console.WriteLine($"| {distinct.Length} distinct queries, each once | Lucene in process | {distinct.Length / watch2.Elapsed.TotalSeconds:F0} | " +
                              $"{latencies[latencies.Count / 2]:F2} | {latencies[(int)(latencies.Count * 0.99)]:F2} | {cpuMs:F3} | |");
        }
    }
}

await index.StopAsync(CancellationToken.None);
index.Dispose();

static class Load
{
    /// <summary><paramref name="workers"/> callers back to back for the given time (after a one-second warm-up): rate and latency.</summary>
    public static async Task<(double Rps, double P50, double P99, double CpuMs)> RunAsync(Func<Task> call, int workers, double seconds)
    {
        await Run(call, workers, TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var samples = await Run(call, workers, TimeSpan.FromSeconds(seconds));
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, samples.Count);
        samples.Sort();
        double At(double q) => samples.Count == 0 ? double.NaN : samples[Math.Min(samples.Count - 1, (int)(q * samples.Count))];
        return (samples.Count / elapsed, At(0.50), At(0.99), cpuMs);
    }

    private static async Task<List<double>> Run(Func<Task> call, int workers, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var samples = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return samples;
        })));
        return perWorker.SelectMany(s => s).ToList();
    }
}
