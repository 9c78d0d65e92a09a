using Npgsql;
using NpgsqlTypes;
using RomApi.SearchService.SearchIndex;

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

    /// <summary>
    /// What the search service answers for a text query: the page with the total and the three facets over the whole result set
    /// (20 buckets each), in one round trip.
    /// </summary>
    public static async Task TextFacetsAsync(NpgsqlDataSource pg, string text)
    {
        const string matches = "SELECT r.*, ts_rank(tsv, q) AS rank FROM resources r, plainto_tsquery('french', f_unaccent($1)) q WHERE tsv @@ q";
        await using var batch = pg.CreateBatch();
        foreach (var sql in new[]
        {
            $"SELECT {Columns}, rank, count(*) OVER () FROM ({matches}) m ORDER BY rank DESC, id LIMIT 20",
            $"SELECT category, count(*) FROM ({matches}) m GROUP BY category ORDER BY 2 DESC LIMIT 20",
            $"SELECT city, count(*) FROM ({matches}) m GROUP BY city ORDER BY 2 DESC LIMIT 20",
            $"SELECT resource_type, count(*) FROM ({matches}) m GROUP BY resource_type ORDER BY 2 DESC LIMIT 20",
        })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new() { Value = text });
            batch.BatchCommands.Add(command);
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
