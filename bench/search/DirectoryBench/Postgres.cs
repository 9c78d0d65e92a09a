using Npgsql;
using RomApi.SearchService.SearchIndex;

/// <summary>
/// The peer: PostgreSQL full-text search on the same rows. 'french' configuration over unaccented text, name weight A, category
/// B, description C (which holds "label à city", as the loader writes it); a query's lexemes AND-ed (plainto_tsquery), ranked by
/// ts_rank_cd.
/// </summary>
public sealed class PostgresDirectory(NpgsqlDataSource pg)
{
    public async Task LoadAsync(IReadOnlyList<SearchDocument> documents)
    {
        await PostgresFullText.CreateTableAsync(pg, "resources", """
            CREATE TABLE resources (id uuid PRIMARY KEY, name text NOT NULL, category text, city text, description text,
              tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('french', f_unaccent(name)), 'A') ||
                setweight(to_tsvector('french', f_unaccent(coalesce(category, ''))), 'B') ||
                setweight(to_tsvector('french', f_unaccent(coalesce(description, ''))), 'C')) STORED);
            """);
        await using (var import = await (await pg.OpenConnectionAsync()).BeginBinaryImportAsync("COPY resources (id, name, category, city, description) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in documents.DistinctBy(d => d.Id))
            {
                await import.StartRowAsync();
                await import.WriteAsync(d.Id);
                await import.WriteAsync(d.Name);
                await import.WriteAsync(d.CategoryName);
                await import.WriteAsync(d.City);
                await import.WriteAsync(d.Description);
            }
            await import.CompleteAsync();
        }
        await PostgresFullText.IndexAsync(pg, "resources");
    }

    public async Task<List<(string? Category, string? City)>> SearchAsync(string q)
    {
        await using var command = pg.CreateCommand("""
            SELECT category, city FROM resources, plainto_tsquery('french', f_unaccent($1)) query
            WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC, id LIMIT 10
            """);
        command.Parameters.AddWithValue(q);
        var hits = new List<(string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            hits.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
        return hits;
    }
}
