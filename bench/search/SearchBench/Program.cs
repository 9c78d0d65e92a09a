// Search benchmark: the same 100,000 rows in the search service's Lucene engine and in PostgreSQL full-text search
// (tsvector + unaccent, pg_trgm, earthdistance), one query mix against both in one run.
// Usage: dotnet run -c Release -- <shared-data-dir> <postgres-connection-string> [documents=100000] [queries-per-kind=2000]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Lucene;

var dataDir = args[0];
var pgConnection = args[1];
var target = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
var perKind = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;

var documents = Rows.Load(dataDir, target);
Console.WriteLine($"documents: {documents.Count}");

// --- Lucene: indexing throughput and size
var folder = Path.Combine(Path.GetTempPath(), "romapi-search-bench-" + Guid.NewGuid().ToString("N"));
var index = new LuceneSearchIndex(
    Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = folder }),
    new LuceneDocuments(CategorySynonyms.LoadEmbedded()), NullLogger<LuceneSearchIndex>.Instance);
await index.StartAsync(CancellationToken.None);
var watch = Stopwatch.StartNew();
var position = 0L;
var chunks = documents.Chunk(1000).ToList();
foreach (var chunk in chunks)
{
    // Batches of 1000 as the change feed delivers them, as the indexer applies them during a bulk load (the last one visible at once).
    ++position;
    await index.ApplyAsync(chunk.Select(d => (IndexOperation)new UpsertDocument(d)).ToList(), position, moreToCome: position < chunks.Count, CancellationToken.None);
}
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

static class Rows
{
    /// <summary>The OSM places (with coordinates) and public APIs, replicated with varied names up to the target count.</summary>
    public static List<SearchDocument> Load(string dataDir, int target)
    {
        var osm = File.ReadLines(Path.Combine(dataDir, "osm-pois-cm.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var apis = File.ReadLines(Path.Combine(dataDir, "public-apis.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var suffixes = new[] { "", "Centre", "du Marché", "Express", "Plus", "de la Gare", "Saint-Michel", "Akwa", "Bonapriso", "Mvog-Mbi", "Bastos", "Nord" };
        var result = new List<SearchDocument>(target);
        var rng = new Random(42);
        for (var copy = 0; result.Count < target; copy++)
        {
            foreach (var row in osm)
            {
                if (result.Count >= target) break;
                var label = row.GetProperty("category_label_fr").GetString() ?? row.GetProperty("category_value").GetString()!;
                var city = row.GetProperty("city").GetString();
                var name = copy == 0 ? row.GetProperty("name").GetString()! : $"{row.GetProperty("name").GetString()} {suffixes[copy % suffixes.Length]} {copy}".Trim();
                // Copies are spread a few km around the original point, so geo queries see realistic density.
                var lat = row.GetProperty("lat").GetDouble() + (copy == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.05);
                var lon = row.GetProperty("lon").GetDouble() + (copy == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.05);
                result.Add(new SearchDocument(Guid.NewGuid(), name, $"s-{result.Count}", $"{label}{(city is null ? "" : " à " + city)}. Source : OpenStreetMap (ODbL).",
                    "BUSINESS", null, label, null, city, row.GetProperty("region").GetString(), lat, lon, result.Count % 7 == 0, "FREE",
                    DateTimeOffset.UnixEpoch.AddMinutes(result.Count)));
            }
            foreach (var row in apis.Take(copy == 0 ? apis.Count : 150))
            {
                if (result.Count >= target) break;
                var category = "API " + row.GetProperty("category").GetString();
                var name = copy == 0 ? row.GetProperty("name").GetString()! : $"{row.GetProperty("name").GetString()} {copy}";
                result.Add(new SearchDocument(Guid.NewGuid(), name, $"s-{result.Count}", row.GetProperty("description").GetString(), "API", null, category, null,
                    null, null, null, null, false, "FREE", DateTimeOffset.UnixEpoch.AddMinutes(result.Count)));
            }
        }
        return result;
    }
}

static class Postgres
{
    private const string Columns = "id, name, slug, description, resource_type, category, city, region, lat, lon";

    public static async Task LoadAsync(NpgsqlDataSource pg, IReadOnlyList<SearchDocument> documents)
    {
        await using (var setup = pg.CreateCommand("""
            CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE EXTENSION IF NOT EXISTS cube; CREATE EXTENSION IF NOT EXISTS earthdistance;
            CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
              AS $$ SELECT public.unaccent('public.unaccent', $1) $$;
            DROP TABLE IF EXISTS resources;
            CREATE TABLE resources (id uuid PRIMARY KEY, name text NOT NULL, slug text, description text, resource_type text, category text,
              city text, region text, lat double precision, lon double precision,
              tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('french', f_unaccent(coalesce(name, ''))), 'A') ||
                setweight(to_tsvector('french', f_unaccent(coalesce(category, ''))), 'B') ||
                setweight(to_tsvector('french', f_unaccent(coalesce(description, ''))), 'C')) STORED);
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }
        await using (var connection = await pg.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY resources ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in documents)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(d.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(d.Name);
                await copy.WriteAsync(d.Slug);
                await Nullable(copy, d.Description);
                await copy.WriteAsync(d.ResourceType);
                await Nullable(copy, d.CategoryName);
                await Nullable(copy, d.City);
                await Nullable(copy, d.Region);
                if (d.Latitude is { } lat) await copy.WriteAsync(lat); else await copy.WriteNullAsync();
                if (d.Longitude is { } lon) await copy.WriteAsync(lon); else await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }
        await using var indexes = pg.CreateCommand("""
            CREATE INDEX resources_tsv ON resources USING gin (tsv);
            CREATE INDEX resources_name_trgm ON resources USING gin (f_unaccent(lower(name)) gin_trgm_ops);
            CREATE INDEX resources_earth ON resources USING gist (ll_to_earth(lat, lon)) WHERE lat IS NOT NULL;
            CREATE INDEX resources_city ON resources (f_unaccent(lower(city)));
            ANALYZE resources;
            """);
        indexes.CommandTimeout = 600;
        await indexes.ExecuteNonQueryAsync();
    }

    private static async Task Nullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) await copy.WriteNullAsync(); else await copy.WriteAsync(value);
    }

    public static async Task TextAsync(NpgsqlDataSource pg, string text, string? city, string? type)
    {
        await using var command = pg.CreateCommand($"""
            SELECT {Columns}, ts_rank(tsv, q) AS rank, count(*) OVER () AS total
            FROM resources, plainto_tsquery('french', f_unaccent($1)) q
            WHERE tsv @@ q AND ($2::text IS NULL OR f_unaccent(lower(city)) = f_unaccent(lower($2))) AND ($3::text IS NULL OR resource_type = $3)
            ORDER BY rank DESC, id LIMIT 20
            """);
        command.Parameters.Add(new() { Value = text });
        command.Parameters.Add(new() { Value = (object?)city ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)type ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await Drain(command);
    }

    public static async Task GeoFacetsAsync(NpgsqlDataSource pg, string text, double lat, double lon, double radiusKm)
    {
        // Page (with total) and the three facets in one round trip, over the same exact-radius result set.
        const string matches = """
            SELECT r.*, earth_distance(ll_to_earth($2, $3), ll_to_earth(lat, lon)) AS meters FROM resources r, plainto_tsquery('french', f_unaccent($1)) q
            WHERE tsv @@ q AND lat IS NOT NULL AND earth_box(ll_to_earth($2, $3), $4) @> ll_to_earth(lat, lon)
              AND earth_distance(ll_to_earth($2, $3), ll_to_earth(lat, lon)) <= $4
            """;
        await using var batch = pg.CreateBatch();
        foreach (var sql in new[]
        {
            $"SELECT id, name, meters, count(*) OVER () FROM ({matches}) m ORDER BY meters, id LIMIT 20",
            $"SELECT category, count(*) FROM ({matches}) m GROUP BY category ORDER BY 2 DESC LIMIT 100",
            $"SELECT city, count(*) FROM ({matches}) m GROUP BY city ORDER BY 2 DESC LIMIT 100",
            $"SELECT resource_type, count(*) FROM ({matches}) m GROUP BY resource_type ORDER BY 2 DESC LIMIT 100",
        })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new() { Value = text });
            command.Parameters.Add(new() { Value = lat });
            command.Parameters.Add(new() { Value = lon });
            command.Parameters.Add(new() { Value = radiusKm * 1000 });
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();
        do { while (await reader.ReadAsync()) { } } while (await reader.NextResultAsync());
    }

    /// <summary>Everything, with the total and the three facets (100 buckets each), as the search service's empty q does.</summary>
    public static async Task MatchAllFacetsAsync(NpgsqlDataSource pg)
    {
        await using var batch = pg.CreateBatch();
        foreach (var sql in new[]
        {
            $"SELECT {Columns}, count(*) OVER () FROM resources ORDER BY id LIMIT 20",
            "SELECT category, count(*) FROM resources GROUP BY category ORDER BY 2 DESC LIMIT 100",
            "SELECT city, count(*) FROM resources GROUP BY city ORDER BY 2 DESC LIMIT 100",
            "SELECT resource_type, count(*) FROM resources GROUP BY resource_type ORDER BY 2 DESC LIMIT 100",
        })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }
        await using var reader = await batch.ExecuteReaderAsync();
        do { while (await reader.ReadAsync()) { } } while (await reader.NextResultAsync());
    }

    /// <summary>A natural question: its lexemes OR-ed, ranked by ts_rank_cd (the relevance benchmark's peer).</summary>
    public static async Task OrAsync(NpgsqlDataSource pg, string text)
    {
        await using var command = pg.CreateCommand($"""
            WITH q AS (SELECT to_tsquery('french', coalesce(nullif(string_agg(quote_literal(lexeme), ' | '), ''), 'zzzznothing')) AS query
                       FROM unnest(to_tsvector('french', f_unaccent($1))))
            SELECT {Columns}, count(*) OVER () FROM resources, q WHERE tsv @@ q.query ORDER BY ts_rank_cd(tsv, q.query) DESC, id LIMIT 20
            """);
        command.Parameters.Add(new() { Value = text });
        await Drain(command);
    }

    /// <summary>A typo: trigram similarity on the name (pg_trgm's % operator, GIN index).</summary>
    public static async Task TrigramAsync(NpgsqlDataSource pg, string text)
    {
        await using var command = pg.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () FROM resources WHERE f_unaccent(lower(name)) % f_unaccent(lower($1))
            ORDER BY similarity(f_unaccent(lower(name)), f_unaccent(lower($1))) DESC, id LIMIT 20
            """);
        command.Parameters.Add(new() { Value = text });
        await Drain(command);
    }

    public static async Task SuggestAsync(NpgsqlDataSource pg, string prefix)
    {
        await using var command = pg.CreateCommand("""
            SELECT id, name, slug FROM resources WHERE f_unaccent(lower(name)) LIKE f_unaccent(lower($1)) || '%'
            ORDER BY length(name), name LIMIT 10
            """);
        command.Parameters.Add(new() { Value = prefix });
        await Drain(command);
    }

    private static async Task Drain(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}
