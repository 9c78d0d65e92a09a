using Npgsql;

/// <summary>
/// The peer: PostgreSQL full-text search on the same rows. 'french' configuration over unaccented text, name weight A,
/// description weight C, the question's lexemes OR-ed, ranked by ts_rank_cd.
/// </summary>
public sealed class Postgres(NpgsqlDataSource pg)
{
    public async Task LoadAsync(IReadOnlyList<Paragraph> paragraphs)
    {
        await PostgresFullText.CreateTableAsync(pg, "paragraphs", """
            CREATE TABLE paragraphs (id text PRIMARY KEY, name text NOT NULL, description text NOT NULL,
              tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('french', f_unaccent(name)), 'A') ||
                setweight(to_tsvector('french', f_unaccent(description)), 'C')) STORED);
            """);
        foreach (var p in paragraphs)
        {
            await using var insert = pg.CreateCommand("INSERT INTO paragraphs (id, name, description) VALUES ($1, $2, $3)");
            insert.Parameters.AddWithValue(p.Id);
            insert.Parameters.AddWithValue(p.Title);
            insert.Parameters.AddWithValue(p.Text);
            await insert.ExecuteNonQueryAsync();
        }
        await PostgresFullText.IndexAsync(pg, "paragraphs");
    }

    /// <summary>The ids of the first 10 paragraphs for a question.</summary>
    public async Task<List<string>> SearchAsync(string question)
    {
        // The question's lexemes (french stemming, stop words dropped by the configuration) OR-ed into one tsquery.
        await using var command = pg.CreateCommand("""
            WITH q AS (
              SELECT to_tsquery('french', coalesce(nullif(string_agg(quote_literal(lexeme), ' | '), ''), 'zzzznothing')) AS query
              FROM unnest(to_tsvector('french', f_unaccent($1))))
            SELECT id FROM paragraphs, q WHERE tsv @@ q.query ORDER BY ts_rank_cd(tsv, q.query) DESC, id LIMIT 10
            """);
        command.Parameters.AddWithValue(question);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
