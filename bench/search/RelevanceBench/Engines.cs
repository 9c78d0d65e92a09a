using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Lucene;

/// <summary>ROMAPI's side of the comparison: paragraphs in, the first 10 paragraph ids for a question out.</summary>
public interface IRomapi : IAsyncDisposable
{
    string Label { get; }

    Task LoadAsync(IReadOnlyList<Paragraph> paragraphs);

    Task<List<string>> SearchAsync(string question);
}

/// <summary>The public API: ingest through the gateway as the admin (published at once), then GET /api/v1/search per question.</summary>
public sealed class ThroughGateway(Uri gateway, string email, string password) : IRomapi
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<Guid, string> _paragraphOf = new();

    public string Label => "ROMAPI (gateway)";

    public async Task LoadAsync(IReadOnlyList<Paragraph> paragraphs)
    {
        using var login = await _http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var items = paragraphs.Select(p => new { externalId = p.Id, name = p.Title, description = p.Text, resourceType = "DATA" }).ToList();
        using var ingest = await _http.PostAsJsonAsync("/api/v1/api-resources/ingest", new { resources = items, mode = "upsert", publish = true });
        var result = await ingest.Content.ReadAsStringAsync();
        if (!ingest.IsSuccessStatusCode || JsonDocument.Parse(result).RootElement.GetProperty("data").GetProperty("failed").GetInt32() > 0)
        {
            throw new InvalidOperationException($"ingest answered {(int)ingest.StatusCode}: {result[..Math.Min(500, result.Length)]}");
        }
        // Resource id -> paragraph id (several paragraphs share an article's title, so names cannot tell them apart).
        for (var offset = 0; _paragraphOf.Count < paragraphs.Count; offset += 100)
        {
            var page = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/api-resources?resourceType=DATA&limit=100&offset={offset}");
            var rows = page.GetProperty("data").EnumerateArray().ToList();
            if (rows.Count == 0)
            {
                throw new InvalidOperationException($"only {_paragraphOf.Count} of {paragraphs.Count} paragraphs listed");
            }
            foreach (var row in rows)
            {
                _paragraphOf[row.GetProperty("id").GetGuid()] = row.GetProperty("externalId").GetString()!;
            }
        }
        _http.DefaultRequestHeaders.Authorization = null; // questions are asked as the public asks them
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var search = await _http.GetFromJsonAsync<JsonElement>("/api/v1/search?resourceType=DATA&limit=1");
            if (search.GetProperty("meta").GetProperty("total").GetInt64() >= paragraphs.Count)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the paragraphs never all became searchable");
    }

    public async Task<List<string>> SearchAsync(string question)
    {
        var page = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/search?limit=10&q={Uri.EscapeDataString(question)}");
        return page.GetProperty("data").EnumerateArray()
            .Select(hit => _paragraphOf.GetValueOrDefault(hit.GetProperty("id").GetGuid(), "?"))
            .ToList();
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The search service's Lucene engine in this process: the same query code without HTTP, for quick tuning.</summary>
public sealed class InProcess : IRomapi
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "romapi-relevance-" + Guid.NewGuid().ToString("N"));
    private readonly LuceneSearchIndex _index;
    private readonly Dictionary<Guid, string> _paragraphOf = new();

    public InProcess() => _index = new LuceneSearchIndex(
        Options.Create(new SearchIndexOptions
        {
            Engine = SearchEngineKind.Lucene, LuceneDirectory = _folder,
            MinimumShouldMatch = Environment.GetEnvironmentVariable("MSM") ?? RomApi.SearchService.SearchIndex.Planning.MinimumShouldMatch.DefaultSpec,
        }),
        new LuceneDocuments(CategorySynonyms.LoadEmbedded()), NullLogger<LuceneSearchIndex>.Instance);

    public string Label => "ROMAPI (engine in process)";

    public async Task LoadAsync(IReadOnlyList<Paragraph> paragraphs)
    {
        await _index.StartAsync(CancellationToken.None);
        var operations = new List<IndexOperation>();
        foreach (var p in paragraphs)
        {
            var id = new Guid(MD5.HashData(Encoding.UTF8.GetBytes(p.Id)));
            _paragraphOf[id] = p.Id;
            operations.Add(new UpsertDocument(new SearchDocument(id, p.Title, p.Id, p.Text, "DATA", null, null, null, null, null, null, null,
                false, "FREE", DateTimeOffset.UnixEpoch)));
        }
        await _index.ApplyAsync(operations, 1, moreToCome: false, CancellationToken.None);
    }

    public async Task<List<string>> SearchAsync(string question)
    {
        var page = await _index.SearchAsync(new SearchIndexQuery(question, 10, 0), CancellationToken.None);
        return page.Hits.Select(hit => _paragraphOf[hit.Document.Id]).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _index.StopAsync(CancellationToken.None);
        _index.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
