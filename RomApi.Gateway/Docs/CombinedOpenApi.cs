using System.Text.Json.Nodes;

namespace RomApi.Gateway.Docs;

/// <summary>
/// One OpenAPI document for the whole public API: the gateway's own (/openapi/v1.json) plus each service's, merged by path,
/// without the services' <c>/internal/*</c> operations (the gateway refuses them).
/// <para>
/// Each source document is kept once fetched and refreshed after <see cref="DocsOptions.RefreshAfter"/>; a failed fetch is never
/// kept: while a source does not answer, every request tries it again (and keeps serving its last good copy if there is one), and
/// the source is listed in "x-romapi-missing" meanwhile. Fetches run on the gateway's own lifetime, not the request's, so a client
/// that hangs up cancels only its own wait. <see cref="CombinedOpenApiWarmup"/> builds the document at start-up.
/// </para>
/// </summary>
public sealed partial class CombinedOpenApi(
    IHttpClientFactory httpClientFactory, IOptions<DocsOptions> options, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<CombinedOpenApi> logger)
{
    public const string HttpClientName = "openapi";
    public const string GatewaySource = "gateway";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (JsonObject Document, DateTimeOffset At)> _fetched = [];
    private Task<string>? _building;
    private string? _combined;
    private Uri? _self;

    /// <summary>The address the gateway's own document is fetched from (a loopback address of this process).</summary>
    public void SetSelf(Uri self)
    {
        lock (_lock)
        {
            _self ??= self;
        }
    }

    /// <summary>Whether every source's document is in hand (the combined document is complete).</summary>
    public bool IsComplete
    {
        get
        {
            lock (_lock)
            {
                return _combined is not null && Sources().All(source => _fetched.ContainsKey(source.Name));
            }
        }
    }

    /// <summary>
    /// The combined document. Complete: from memory (a stale source is refetched in the background meanwhile). Missing a source:
    /// one build runs for all callers and fetches what is missing or stale; <paramref name="cancellationToken"/> ends only this
    /// caller's wait, never the build.
    /// </summary>
    public Task<string> GetAsync(CancellationToken cancellationToken)
    {
        Task<string> building;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var sources = Sources();
            var complete = _combined is not null && sources.All(source => _fetched.ContainsKey(source.Name));
            if (complete && sources.All(source => now - _fetched[source.Name].At < options.Value.RefreshAfter))
            {
                return Task.FromResult(_combined!);
            }
            _building ??= Task.Run(BuildAsync);
            if (complete)
            {
                return Task.FromResult(_combined!);
            }
            building = _building;
        }
        return building.WaitAsync(cancellationToken);
    }

    private async Task<string> BuildAsync()
    {
        try
        {
            var now = time.GetUtcNow();
            var client = httpClientFactory.CreateClient(HttpClientName);
            var due = new List<(string Name, Uri Address)>();
            lock (_lock)
            {
                due.AddRange(Sources().Where(source => !_fetched.TryGetValue(source.Name, out var kept) || now - kept.At >= options.Value.RefreshAfter));
            }
            var documents = await Task.WhenAll(due.Select(source => FetchAsync(client, source.Name, source.Address)));
            lock (_lock)
            {
                for (var i = 0; i < due.Count; i++)
                {
                    if (documents[i] is { } document)
                    {
                        _fetched[due[i].Name] = (document, time.GetUtcNow());
                    }
                }
                _combined = OpenApiMerge.Combine(
                    [.. Sources().Select(source => (source.Name, _fetched.TryGetValue(source.Name, out var kept) ? kept.Document : null))]).ToJsonString();
                return _combined;
            }
        }
        finally
        {
            lock (_lock)
            {
                _building = null;
            }
        }
    }

    private List<(string Name, Uri Address)> Sources()
    {
        var sources = new List<(string Name, Uri Address)>();
        if (_self is not null)
        {
            sources.Add((GatewaySource, new Uri(_self, "/openapi/v1.json")));
        }
        sources.AddRange(DownstreamServices.All.Select(service => (service.Name, new Uri(ServiceNames.DiscoveryAddress(service.Name), "/openapi/v1.json"))));
        return sources;
    }

    private async Task<JsonObject?> FetchAsync(HttpClient client, string name, Uri address)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            timeout.CancelAfter(options.Value.FetchTimeout);
            var text = await client.GetStringAsync(address, timeout.Token);
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            bool fetchedBefore;
            lock (_lock)
            {
                fetchedBefore = _fetched.ContainsKey(name);
            }
            // A document never fetched yet is a service still starting (the warm-up retries, and warns if it gives up); one
            // that stops answering is worth a warning.
            if (fetchedBefore)
            {
                LogFetchFailed(logger, name, exception.GetType().Name);
            }
            else
            {
                LogFirstFetchFailed(logger, name, exception.GetType().Name);
            }
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenAPI document of {Service} unavailable ({ErrorType}); the combined document goes without it until it answers")]
    private static partial void LogFetchFailed(ILogger logger, string service, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OpenAPI document of {Service} not available yet ({ErrorType})")]
    private static partial void LogFirstFetchFailed(ILogger logger, string service, string errorType);
}
