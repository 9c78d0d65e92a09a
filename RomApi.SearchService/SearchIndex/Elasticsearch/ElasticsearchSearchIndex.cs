using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.Geo;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// The Elasticsearch 8 engine over its REST API. Each replica owns the alias "romapi-resources-{instance}" over one
/// concrete index "…-{n}"; a rebuild fills "…-{n+1}" and one _aliases call moves the alias and drops the old index,
/// so searches never see an empty or partial index. The applied change-feed position is kept in the index mapping's _meta.
/// </summary>
public sealed class ElasticsearchSearchIndex(HttpClient http, Uri baseUri, string instanceId, CategorySynonyms synonyms) : ISearchIndex
{
    public const string HttpClientName = "elasticsearch";
    private const string PositionKey = "romapi_position";

    private readonly SemaphoreSlim _ready = new(1, 1);
    private bool _initialized;

    public string Alias { get; } = $"romapi-resources-{instanceId.ToLowerInvariant()}";

    public async Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        using var response = await SendJsonAsync(HttpMethod.Post, $"/{Alias}/_search", ElasticsearchRequests.Search(query), cancellationToken);
        var root = response.RootElement;
        var hits = root.GetProperty("hits");
        var results = hits.GetProperty("hits").EnumerateArray().Select(hit =>
        {
            var document = ToDocument(hit.GetProperty("_source"));
            double? distance = query.Geo is { } geo && document.Latitude is { } lat && document.Longitude is { } lon
                ? Math.Round(Haversine.DistanceKm(geo.Latitude, geo.Longitude, lat, lon), 3)
                : null;
            var score = hit.TryGetProperty("_score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetSingle() : 0;
            return new SearchIndexHit(document, score, distance);
        }).ToList();
        var aggregations = root.GetProperty("aggregations");
        return new SearchIndexPage(
            hits.GetProperty("total").GetProperty("value").GetInt64(),
            results,
            SearchFacets.Of(hits.GetProperty("total").GetProperty("value").GetInt64(), Buckets(aggregations, "category"), Buckets(aggregations, "city"), Buckets(aggregations, "resourceType")));
    }

    public async Task<IReadOnlyList<SuggestionHit>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        using var response = await SendJsonAsync(HttpMethod.Post, $"/{Alias}/_search", ElasticsearchRequests.Suggest(prefix, limit), cancellationToken);
        return response.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray()
            .Select(hit => hit.GetProperty("_source"))
            .Select(source => new SuggestionHit(source.GetProperty("id").GetGuid(), source.GetProperty("name").GetString()!, source.GetProperty("slug").GetString()!))
            .ToList();
    }

    public async Task<long> ReadPositionAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        using var response = await SendJsonAsync(HttpMethod.Get, $"/{Alias}/_mapping", null, cancellationToken);
        foreach (var index in response.RootElement.EnumerateObject())
        {
            if (index.Value.GetProperty("mappings").TryGetProperty("_meta", out var meta) && meta.TryGetProperty(PositionKey, out var position))
            {
                return position.GetInt64();
            }
        }
        return 0;
    }

    public async Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        await ApplyToAsync(Alias, operations, position, cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        using var response = await SendJsonAsync(HttpMethod.Get, $"/{Alias}/_count", null, cancellationToken);
        return response.RootElement.GetProperty("count").GetInt64();
    }

    public async Task<IIndexBuild> BeginRebuildAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var live = await ConcreteIndexAsync(cancellationToken);
        var next = $"{Alias}-{int.Parse(live[(Alias.Length + 1)..], CultureInfo.InvariantCulture) + 1}";
        (await SendJsonAsync(HttpMethod.Put, $"/{next}", new JsonObject(), cancellationToken)).Dispose();
        return new Build(this, live, next);
    }

    private async Task ApplyToAsync(string target, IReadOnlyList<IndexOperation> operations, long position, CancellationToken cancellationToken)
    {
        if (operations.Count > 0)
        {
            var body = new StringBuilder();
            foreach (var operation in operations)
            {
                if (operation is UpsertDocument upsert)
                {
                    body.Append(new JsonObject { ["index"] = new JsonObject { ["_id"] = operation.Id.ToString() } }.ToJsonString()).Append('\n');
                    body.Append(ElasticsearchRequests.Source(upsert.Document, synonyms).ToJsonString()).Append('\n');
                }
                else
                {
                    body.Append(new JsonObject { ["delete"] = new JsonObject { ["_id"] = operation.Id.ToString() } }.ToJsonString()).Append('\n');
                }
            }
            // wait_for: the change is searchable when the call returns, like the Lucene engine's refresh.
            using var content = new StringContent(body.ToString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var bulk = await SendAsync(HttpMethod.Post, $"/{target}/_bulk?refresh=wait_for", content, cancellationToken);
            if (bulk.RootElement.GetProperty("errors").GetBoolean())
            {
                var failed = bulk.RootElement.GetProperty("items").EnumerateArray()
                    .Select(item => item.EnumerateObject().First().Value)
                    .FirstOrDefault(result => result.GetProperty("status").GetInt32() is >= 300 and not 404);
                if (failed.ValueKind != JsonValueKind.Undefined)
                {
                    throw new SearchUnavailableException($"Elasticsearch refused a bulk item: {failed.GetProperty("error").GetProperty("type").GetString()}.");
                }
            }
        }
        var meta = new JsonObject { ["_meta"] = new JsonObject { [PositionKey] = position } };
        (await SendJsonAsync(HttpMethod.Put, $"/{target}/_mapping", meta, cancellationToken)).Dispose();
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }
        await _ready.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }
            (await SendJsonAsync(HttpMethod.Put, $"/_index_template/{Alias}", ElasticsearchRequests.IndexTemplate($"{Alias}-*"), cancellationToken)).Dispose();
            using var request = Request(HttpMethod.Head, $"/_alias/{Alias}", null);
            using var exists = await http.SendAsync(request, cancellationToken);
            if (exists.StatusCode == HttpStatusCode.NotFound)
            {
                var create = new JsonObject { ["aliases"] = new JsonObject { [Alias] = new JsonObject() } };
                (await SendJsonAsync(HttpMethod.Put, $"/{Alias}-1", create, cancellationToken)).Dispose();
            }
            else if (!exists.IsSuccessStatusCode)
            {
                throw new SearchUnavailableException($"Elasticsearch answered {(int)exists.StatusCode} for the index alias.");
            }
            _initialized = true;
        }
        finally
        {
            _ready.Release();
        }
    }

    private async Task<string> ConcreteIndexAsync(CancellationToken cancellationToken)
    {
        using var response = await SendJsonAsync(HttpMethod.Get, $"/_alias/{Alias}", null, cancellationToken);
        return response.RootElement.EnumerateObject().Single().Name;
    }

    private Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, content);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new SearchUnavailableException("Elasticsearch does not answer.", exception);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The error body can echo the query, never credentials; keep only its type.
                throw new SearchUnavailableException($"Elasticsearch answered {(int)response.StatusCode} to {method} {path.Split('?')[0]}.");
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(new UriBuilder(baseUri) { UserName = "", Password = "" }.Uri, path)) { Content = content };
        if (baseUri.UserInfo.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(baseUri.UserInfo))));
        }
        return request;
    }

    private static SearchDocument ToDocument(JsonElement source) => new(
        source.GetProperty("id").GetGuid(),
        Str(source, "name") ?? "",
        Str(source, "slug") ?? "",
        Str(source, "description"),
        Str(source, "resourceType") ?? "",
        Guid.TryParse(Str(source, "categoryId"), out var categoryId) ? categoryId : null,
        Str(source, "categoryName"),
        Str(source, "categorySlug"),
        Str(source, "city"),
        Str(source, "region"),
        Num(source, "latitude"),
        Num(source, "longitude"),
        source.TryGetProperty("verified", out var verified) && verified.ValueKind == JsonValueKind.True,
        Str(source, "plan") ?? "",
        DateTimeOffset.TryParse(Str(source, "publishedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null);

    private static IReadOnlyList<FacetCount> Buckets(JsonElement aggregations, string name) =>
        aggregations.GetProperty(name).GetProperty("buckets").EnumerateArray()
            .Select(bucket => new FacetCount(bucket.GetProperty("key").GetString()!, bucket.GetProperty("doc_count").GetInt64()))
            .ToList();

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Num(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private sealed class Build(ElasticsearchSearchIndex owner, string live, string next) : IIndexBuild
    {
        private bool _swapped;

        public Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, CancellationToken cancellationToken) =>
            owner.ApplyToAsync(next, operations, position, cancellationToken);

        public async Task SwapInAsync(CancellationToken cancellationToken)
        {
            // One atomic call: the alias moves to the new index and the old index goes.
            var actions = new JsonObject
            {
                ["actions"] = new JsonArray(
                    new JsonObject { ["add"] = new JsonObject { ["index"] = next, ["alias"] = owner.Alias } },
                    new JsonObject { ["remove_index"] = new JsonObject { ["index"] = live } }),
            };
            (await owner.SendJsonAsync(HttpMethod.Post, "/_aliases", actions, cancellationToken)).Dispose();
            _swapped = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_swapped)
            {
                try
                {
                    (await owner.SendJsonAsync(HttpMethod.Delete, $"/{next}", null, CancellationToken.None)).Dispose();
                }
                catch (SearchUnavailableException)
                {
                    // Left behind; the next rebuild of the same number recreates it.
                }
            }
        }
    }
}
