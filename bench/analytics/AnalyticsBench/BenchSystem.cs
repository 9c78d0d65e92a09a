using Npgsql;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using System.Data.Common;
using System.Globalization;

namespace AnalyticsBench;

public sealed record BenchSettings(string Mode, int Seconds, int Batch, int Clients, long Rows, bool ClientIds, int IdVersion)
{
    public static BenchSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        return new BenchSettings(mode, int.Parse(Value("--seconds", "60"), CultureInfo.InvariantCulture), int.Parse(Value("--batch", "500"), CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "8"), CultureInfo.InvariantCulture), long.Parse(Value("--rows", "10000000"), CultureInfo.InvariantCulture),
            bool.Parse(Value("--ids", "true")), int.Parse(Value("--id-version", "4"), CultureInfo.InvariantCulture));
    }
}

/// <summary>Handles on the running system: HTTP clients, databases, platform tokens.</summary>
public sealed class BenchSystem(DistributedApplication application, NpgsqlDataSource analyticsDb, NpgsqlDataSource resourceDb)
{
    public DistributedApplication Application => application;
    public NpgsqlDataSource AnalyticsDb => analyticsDb;
    public NpgsqlDataSource ResourceDb => resourceDb;

    public static async Task<BenchSystem> CreateAsync(DistributedApplication application)
    {
        return new BenchSystem(application,
            NpgsqlDataSource.Create((await application.GetConnectionStringAsync("analyticsdb"))!),
            NpgsqlDataSource.Create((await application.GetConnectionStringAsync("resourcedb"))!));
    }

    /// <summary>An access token of the seeded admin, logged in through the gateway like any client.</summary>
    public async Task<string> AdminAccessTokenAsync()
    {
        var secrets = new DbConnectionStringBuilder { ConnectionString = await application.GetConnectionStringAsync("identity-secrets") };
        using var http = Gateway();
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@romapi.local", password = secrets["AdminPassword"] });
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                return json.RootElement.GetProperty("data").GetProperty("accessToken").GetString()!;
            }
            if (attempt == 30)
            {
                throw new InvalidOperationException($"The admin could not log in: {(int)response.StatusCode}");
            }
            // The gateway seeds the admin in the background once its migrations are in.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public HttpClient Gateway() => application.CreateHttpClient("gateway", "http");

    public async Task CreateResourcesAsync(IReadOnlyList<Guid> ids, Guid owner)
    {
        await using var command = resourceDb.CreateCommand("""
            INSERT INTO api_resources (id, name, slug, resource_type, country, status, plan, verified, user_id, created_at, updated_at, published_at)
            SELECT id, 'Bench ' || id, 'bench-' || id, 'BUSINESS', 'CM', 'ACTIVE', 'FREE', false, @owner, now(), now(), now()
            FROM unnest(@ids) AS id ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("owner", owner);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A gauge or counter summed over its label sets, from the analytics service's /metrics.</summary>
    public async Task<double> AnalyticsMetricAsync(string name)
    {
        using var client = application.CreateHttpClient("analyticsservice");
        var text = await client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ')
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[line.Contains('{') ? 0 : 1], CultureInfo.InvariantCulture));
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = analyticsDb.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static string Percentiles(List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(p * milliseconds.Count) - 1)];
        return $"n={milliseconds.Count} p50={At(0.50):F2} ms p95={At(0.95):F2} ms p99={At(0.99):F2} ms max={milliseconds[^1]:F2} ms";
    }
}
