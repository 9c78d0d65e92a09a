namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>
/// A fingerprint of the data a client can change: every row of the resource service's tables and the API keys, and the users'
/// identities (not their usage counters, which requests move on purpose). Equal before and after means nothing was written.
/// Analytics is left out: the gateway records the fuzzer's own traffic there as API usage, as it should.
/// </summary>
public static class DataSnapshot
{
    private static readonly (string Database, string Name, string Sql)[] Queries =
    [
        ("identitydb", "users", "SELECT count(*)::text || ':' || coalesce(md5(string_agg(id::text || email || name || user_type || plan || password_hash, ',' ORDER BY id)), '') FROM users"),
        ("identitydb", "api_keys", "SELECT count(*)::text || ':' || coalesce(md5(string_agg(id::text || name || is_active::text || rate_limit::text, ',' ORDER BY id)), '') FROM api_keys"),
        ("resourcedb", "api_resources", "SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '') FROM api_resources t"),
        ("resourcedb", "categories", "SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '') FROM categories t"),
        ("resourcedb", "business_hours", "SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM business_hours t"),
        ("resourcedb", "resource_images", "SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM resource_images t"),
        ("resourcedb", "resource_changes", "SELECT coalesce(max(sequence), 0)::text FROM resource_changes"),
    ];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(SystemFixture system)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var database in Queries.GroupBy(q => q.Database))
        {
            await using var connection = new NpgsqlConnection(await system.App.GetConnectionStringAsync(database.Key));
            await connection.OpenAsync();
            foreach (var (_, name, sql) in database)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                snapshot[name] = (string)(await command.ExecuteScalarAsync())!;
            }
        }
        return snapshot;
    }
}
