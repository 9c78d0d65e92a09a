using RomApi.Gateway.Downstream;
using System.Text.Json.Nodes;

namespace RomApi.Gateway.Docs;

/// <summary>
/// One OpenAPI document for the whole public API: the gateway's own (/openapi/v1.json) plus each service's, merged by path.
/// Fetched through service discovery and kept for <see cref="Lifetime"/>; a service that does not answer is listed in
/// "x-romapi-missing" instead of failing the page.
/// </summary>
public sealed partial class CombinedOpenApi(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<CombinedOpenApi> logger)
{
    public const string HttpClientName = "openapi";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Json, DateTimeOffset At)? _cached;

    public async Task<string> GetAsync(Uri self, CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && time.GetUtcNow() - fresh.At < Lifetime)
        {
            return fresh.Json;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - again.At < Lifetime)
            {
                return again.Json;
            }
            var json = (await BuildAsync(self, cancellationToken)).ToJsonString();
            _cached = (json, time.GetUtcNow());
            return json;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JsonObject> BuildAsync(Uri self, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var sources = new List<(string Name, Uri Address)> { ("gateway", new Uri(self, "/openapi/v1.json")) };
        sources.AddRange(DownstreamServices.All.Select(service => (service.Name, new Uri($"http://{service.Name}/openapi/v1.json"))));
        var documents = await Task.WhenAll(sources.Select(source => FetchAsync(client, source.Name, source.Address, cancellationToken)));

        var combined = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "ROMAPI",
                ["version"] = "v1",
                ["description"] = "The public API of ROMAPI, served by the gateway. Authenticate with 'Authorization: Bearer <accessToken>' " +
                                  "(POST /api/v1/auth/login) or 'X-API-Key: <key>'. Limited responses carry RateLimit-Limit, " +
                                  "RateLimit-Remaining and RateLimit-Reset; 429 adds Retry-After.",
            },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
            ["tags"] = new JsonArray(),
        };
        var missing = new JsonArray();
        for (var i = 0; i < sources.Count; i++)
        {
            if (documents[i] is not { } document)
            {
                missing.Add(sources[i].Name);
                continue;
            }
            Merge(combined, document);
        }
        if (missing.Count > 0)
        {
            combined["x-romapi-missing"] = missing;
        }
        return combined;
    }

    private static void Merge(JsonObject combined, JsonObject document)
    {
        var paths = combined["paths"]!.AsObject();
        foreach (var (path, item) in document["paths"]?.AsObject().ToList() ?? [])
        {
            if (!paths.ContainsKey(path) && item is not null)
            {
                paths[path] = item.DeepClone();
            }
        }
        var schemas = combined["components"]!["schemas"]!.AsObject();
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject().ToList() ?? [])
        {
            // Same-named schemas across services are the shared envelope types; the first one stands for all.
            if (!schemas.ContainsKey(name) && schema is not null)
            {
                schemas[name] = schema.DeepClone();
            }
        }
        var tags = combined["tags"]!.AsArray();
        foreach (var tag in document["tags"]?.AsArray() ?? [])
        {
            if (tag is not null && tags.All(existing => existing?["name"]?.GetValue<string>() != tag["name"]?.GetValue<string>()))
            {
                tags.Add(tag.DeepClone());
            }
        }
    }

    private async Task<JsonObject?> FetchAsync(HttpClient client, string name, Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var text = await client.GetStringAsync(address, timeout.Token);
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            LogFetchFailed(logger, name, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenAPI document of {Service} unavailable ({ErrorType}); the combined document goes without it")]
    private static partial void LogFetchFailed(ILogger logger, string service, string errorType);
}
