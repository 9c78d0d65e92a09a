using Npgsql;
using NpgsqlTypes;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AnalyticsBench;

/// <summary>Events over HTTP through the gateway in batches, then rows stored vs accepted, then direct-to-database peers.</summary>
public sealed class IngestionBench(BenchSystem system, BenchSettings settings)
{
    private const int Resources = 200;
    private static readonly string[] Types = ["VIEW", "VIEW", "VIEW", "CLICK", "CONTACT", "SHARE"];

    public async Task RunAsync()
    {
        var owner = Guid.NewGuid();
        var resources = Enumerable.Range(0, Resources).Select(_ => Guid.NewGuid()).ToArray();
        await system.CreateResourcesAsync(resources, owner);

        // Warm-up: resource lookups cached, connections open, JIT done.
        await LoadAsync(resources, TimeSpan.FromSeconds(5));
        await WaitForDrainAsync();
        var before = await StoredAsync(resources);
        var rollupBefore = await RollupAsync(resources);

        var load = await LoadAsync(resources, TimeSpan.FromSeconds(settings.Seconds));
        var drainWatch = Stopwatch.StartNew();
        await WaitForDrainAsync();
        var drained = drainWatch.Elapsed;
        var stored = await StoredAsync(resources) - before;
        var rollup = await RollupAsync(resources) - rollupBefore;

        Console.WriteLine($"## ingestion over HTTP (gateway -> analytics service), batches of {settings.Batch}, {settings.Clients} clients, client ids: {settings.ClientIds}");
        Console.WriteLine($"duration {load.Elapsed.TotalSeconds:F1} s; requests {load.Requests}; events sent {load.Sent}; accepted {load.Accepted}; 503 answers {load.Busy} (retried with the same ids); other failures {load.Failures}");
        Console.WriteLine($"accepted events/s: {load.Accepted / load.Elapsed.TotalSeconds:F0}");
        Console.WriteLine($"buffer drained {drained.TotalSeconds:F1} s after the load stopped; rows stored {stored}; accepted {load.Accepted}; equal: {stored == load.Accepted}");
        Console.WriteLine($"rollup counts added for the bench resources: {rollup}; equal to rows stored: {rollup == stored}");
        Console.WriteLine($"request latency: {BenchSystem.Percentiles(load.LatenciesMs)}");
        var batches = await system.AnalyticsMetricAsync("romapi_analytics_write_batch_size_count");
        Console.WriteLine($"writer (whole run incl. warm-up): {batches} transactions, mean {await system.AnalyticsMetricAsync("romapi_analytics_write_batch_size_sum") / batches:F0} events each, " +
                          $"mean {1000 * await system.AnalyticsMetricAsync("romapi_analytics_write_duration_seconds_sum") / batches:F0} ms each");

        await PeersAsync(load.Accepted / load.Elapsed.TotalSeconds);
    }

    private sealed record LoadResult(TimeSpan Elapsed, long Requests, long Sent, long Accepted, long Busy, long Failures, List<double> LatenciesMs);

    private async Task<LoadResult> LoadAsync(Guid[] resources, TimeSpan duration)
    {
        long requests = 0, sent = 0, accepted = 0, busy = 0, failures = 0;
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, settings.Clients).Select(async client =>
        {
            using var http = system.Gateway();
            var random = new Random(client);
            while (watch.Elapsed < duration)
            {
                var body = Batch(resources, random);
                for (var attempt = 0; ; attempt++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new("application/json");
                    using var response = await http.PostAsync("/api/v1/analytics/events", content);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                        Interlocked.Add(ref accepted, json.RootElement.GetProperty("data").GetProperty("accepted").GetInt32());
                        Interlocked.Add(ref sent, settings.Batch);
                        lock (latencies)
                        {
                            latencies.Add(elapsed);
                        }
                        break;
                    }
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable && settings.ClientIds && attempt < 20)
                    {
                        // Full buffer: nothing of the request was taken; the same body (same ids) is sent again.
                        Interlocked.Increment(ref busy);
                        await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1));
                        continue;
                    }
                    Interlocked.Increment(ref failures);
                    break;
                }
            }
        });
        await Task.WhenAll(clients);
        return new LoadResult(watch.Elapsed, requests, sent, accepted, busy, failures, latencies);
    }

    private byte[] Batch(Guid[] resources, Random random)
    {
        var buffer = new MemoryStream(settings.Batch * 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            for (var i = 0; i < settings.Batch; i++)
            {
                writer.WriteStartObject();
                if (settings.ClientIds)
                {
                    // Random (v4) ids by default; --id-version 7 sends time-ordered ids, as a client generating them now would.
                    writer.WriteString("id", settings.IdVersion == 7 ? Guid.CreateVersion7() : Guid.NewGuid());
                }
                writer.WriteString("resourceId", resources[random.Next(resources.Length)]);
                writer.WriteString("eventType", Types[random.Next(Types.Length)]);
                writer.WriteString("referrer", "https://example.cm/annuaire");
                writer.WriteStartObject("metadata");
                writer.WriteString("page", "detail");
                writer.WriteNumber("position", random.Next(20));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task WaitForDrainAsync()
    {
        while (await system.AnalyticsMetricAsync("romapi_analytics_buffer_depth") > 0)
        {
            // The gauge drops only after a batch is committed, so 0 means everything accepted is in the database.
            await Task.Delay(200);
        }
    }

    private Task<long> RollupAsync(Guid[] resources) =>
        system.ScalarAsync("SELECT coalesce(sum(count), 0) FROM analytics_hourly_rollups WHERE resource_id = ANY(@r)", ("r", resources));

    private Task<long> StoredAsync(Guid[] resources) =>
        system.ScalarAsync("SELECT count(*) FROM analytics_events WHERE resource_id = ANY(@r)", ("r", resources));

    /// <summary>The same row shape written straight to PostgreSQL from one connection: COPY vs multi-row INSERT (no HTTP, no rollup).</summary>
    private async Task PeersAsync(double httpRate)
    {
        var seconds = Math.Min(15, settings.Seconds);
        var copy = await PeerAsync(seconds, WriteCopyAsync);
        var insert = await PeerAsync(seconds, WriteInsertAsync);
        Console.WriteLine($"## peers: direct to PostgreSQL, one connection, batches of 5000, {seconds} s each (rows only, no rollup/idempotency)");
        Console.WriteLine($"COPY binary: {copy:F0} rows/s; multi-row INSERT (500 rows per statement): {insert:F0} rows/s; COPY/INSERT = {copy / insert:F2}");
        Console.WriteLine($"HTTP ingestion / direct COPY = {httpRate / copy:F2}; HTTP ingestion / direct INSERT = {httpRate / insert:F2}");
    }

    private async Task<double> PeerAsync(int seconds, Func<NpgsqlConnection, List<object[]>, Task> write)
    {
        var resource = Guid.NewGuid();
        await using var connection = await system.AnalyticsDb.OpenConnectionAsync();
        var rows = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var batch = Enumerable.Range(0, 5000).Select(i => new object[]
            {
                Guid.CreateVersion7(), resource, Types[i % Types.Length], "Mozilla/5.0 bench", new NpgsqlInet(IPAddress.Parse("198.51.100.0"), 24),
                "https://example.cm/annuaire", $$"""{"page":"detail","position":{{i % 20}}}""", DateTimeOffset.UtcNow,
            }).ToList();
            await write(connection, batch);
            rows += batch.Count;
        }
        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task WriteCopyAsync(NpgsqlConnection connection, List<object[]> batch)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY analytics_events (id, resource_id, event_type, user_agent, ip_address, referrer, metadata, created_at) FROM STDIN (FORMAT BINARY)");
        foreach (var row in batch)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync((Guid)row[0], NpgsqlDbType.Uuid);
            await importer.WriteAsync((Guid)row[1], NpgsqlDbType.Uuid);
            await importer.WriteAsync((string)row[2], NpgsqlDbType.Varchar);
            await importer.WriteAsync((string)row[3], NpgsqlDbType.Varchar);
            await importer.WriteAsync((NpgsqlInet)row[4], NpgsqlDbType.Inet);
            await importer.WriteAsync((string)row[5], NpgsqlDbType.Varchar);
            await importer.WriteAsync((string)row[6], NpgsqlDbType.Jsonb);
            await importer.WriteAsync((DateTimeOffset)row[7], NpgsqlDbType.TimestampTz);
        }
        await importer.CompleteAsync();
    }

    private static async Task WriteInsertAsync(NpgsqlConnection connection, List<object[]> batch)
    {
        foreach (var chunk in batch.Chunk(500))
        {
            var sql = new StringBuilder("INSERT INTO analytics_events (id, resource_id, event_type, user_agent, ip_address, referrer, metadata, created_at) VALUES ");
            await using var command = new NpgsqlCommand { Connection = connection };
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ",").Append($"(@a{i},@b{i},@c{i},@d{i},@e{i},@f{i},@g{i}::jsonb,@h{i})");
                var row = chunk[i];
                command.Parameters.AddWithValue($"a{i}", row[0]);
                command.Parameters.AddWithValue($"b{i}", row[1]);
                command.Parameters.AddWithValue($"c{i}", row[2]);
                command.Parameters.AddWithValue($"d{i}", row[3]);
                command.Parameters.AddWithValue($"e{i}", NpgsqlDbType.Inet, row[4]);
                command.Parameters.AddWithValue($"f{i}", row[5]);
                command.Parameters.AddWithValue($"g{i}", row[6]);
                command.Parameters.AddWithValue($"h{i}", row[7]);
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }
    }
}
