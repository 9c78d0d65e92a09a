using Npgsql;

/// <summary>
/// What the PostgreSQL full-text peers of the search benches set up alike: <c>f_unaccent</c>, an IMMUTABLE wrapper of
/// <c>unaccent</c> (a generated tsvector column accepts only immutable functions, and unaccent itself is only stable), a table
/// made afresh for each run, and its GIN index built after the rows are in (faster than keeping it up row by row).
/// </summary>
public static class PostgresFullText
{
    /// <summary>Drops <paramref name="table"/> and creates it again with <paramref name="createTable"/>, which may use f_unaccent.</summary>
    public static async Task CreateTableAsync(NpgsqlDataSource pg, string table, string createTable)
    {
        await using var setup = pg.CreateCommand($"""
            CREATE EXTENSION IF NOT EXISTS unaccent;
            CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
              AS $$ SELECT public.unaccent('public.unaccent', $1) $$;
            DROP TABLE IF EXISTS {table};
            {createTable}
            """);
        await setup.ExecuteNonQueryAsync();
    }

    /// <summary>The GIN index on <paramref name="table"/>'s <c>tsv</c> column, and fresh planner statistics.</summary>
    public static async Task IndexAsync(NpgsqlDataSource pg, string table)
    {
        await using var index = pg.CreateCommand($"CREATE INDEX ON {table} USING gin (tsv); ANALYZE {table};");
        await index.ExecuteNonQueryAsync();
    }
}
