using Microsoft.Extensions.Hosting;
using RomApi.Gateway.Docs;

namespace RomApi.Tests.Gateway;

/// <summary>The gateway's combined OpenAPI document: hung-up callers and failed fetches never leave it incomplete.</summary>
public sealed class CombinedOpenApiTests
{
    private static readonly string[] Services = ["gateway", "resourceservice", "searchservice", "analyticsservice"];

    [Fact]
    public async Task A_caller_that_hangs_up_during_the_first_build_cancels_only_its_wait_and_nothing_missing_is_kept()
    {
        var sources = new FakeSources();
        sources.Gate = new TaskCompletionSource();
        var openApi = Create(sources);

        using var hangUp = new CancellationTokenSource();
        var first = openApi.GetAsync(hangUp.Token);
        await sources.AllAsked.Task; // every fetch is under way
        hangUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        sources.Gate.SetResult();

        var document = JsonNode.Parse(await openApi.GetAsync(CancellationToken.None))!;

        Assert.Null(document["x-romapi-missing"]);
        Assert.Equal(Services.Select(s => $"/api/v1/{s}").Order(), document["paths"]!.AsObject().Select(p => p.Key).Order());
        Assert.All(Services, service => Assert.Equal(1, sources.Calls(service))); // the hung-up build was finished and reused, not redone
        Assert.True(openApi.IsComplete);
    }

    [Fact]
    public async Task A_service_that_did_not_answer_is_asked_again_on_the_next_request_and_then_included()
    {
        var sources = new FakeSources();
        sources.Failing.Add("searchservice");
        var openApi = Create(sources);

        var first = JsonNode.Parse(await openApi.GetAsync(CancellationToken.None))!;
        sources.Failing.Clear();
        var second = JsonNode.Parse(await openApi.GetAsync(CancellationToken.None))!;
        var third = await openApi.GetAsync(CancellationToken.None);

        Assert.Equal(["searchservice"], first["x-romapi-missing"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(first["paths"]!.AsObject().ContainsKey("/api/v1/searchservice"));
        Assert.Null(second["x-romapi-missing"]);
        Assert.True(second["paths"]!.AsObject().ContainsKey("/api/v1/searchservice"));
        Assert.Equal(2, sources.Calls("searchservice"));
        Assert.Equal(1, sources.Calls("resourceservice")); // what answered was kept
        Assert.Equal(second.ToJsonString(), third);
        Assert.Equal(1, sources.Calls("resourceservice"));
    }

    [Fact]
    public void The_public_document_drops_internal_operations_and_their_schemas_merges_clashing_templates_and_adds_gateway_errors()
    {
        var service = JsonNode.Parse("""
            {
              "paths": {
                "/api/v1/categories/{idOrSlug}": { "get": { "operationId": "GetCategory", "parameters": [ { "name": "idOrSlug", "in": "path" } ], "responses": { "200": { "description": "OK" } } } },
                "/api/v1/categories/{id}": { "delete": { "operationId": "DeleteCategory", "parameters": [ { "name": "id", "in": "path" } ], "responses": { "204": { "description": "No Content" } } } },
                "/internal/changes": { "get": { "operationId": "GetChanges", "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ChangeDto" } } } } } } }
              },
              "components": { "schemas": { "ChangeDto": { "type": "object" }, "ApiErrorResponse": { "type": "object" } } },
              "tags": [ { "name": "Categories" }, { "name": "Change feed (internal)" } ]
            }
            """)!.AsObject();

        var combined = OpenApiMerge.Combine([("resourceservice", service), ("searchservice", null)]);
        var served = JsonNode.Parse(OpenApiMerge.WithServer(combined.ToJsonString(), "http://localhost:8080"))!;

        var paths = served["paths"]!.AsObject();
        Assert.Equal(["/api/v1/categories/{idOrSlug}"], paths.Select(p => p.Key));
        var delete = paths["/api/v1/categories/{idOrSlug}"]!["delete"]!;
        Assert.Equal("idOrSlug", delete["parameters"]![0]!["name"]!.GetValue<string>());
        Assert.NotNull(delete["responses"]!["502"]);
        Assert.NotNull(delete["responses"]!["504"]);
        Assert.Null(served["components"]!["schemas"]!["ChangeDto"]);
        Assert.NotNull(served["components"]!["schemas"]!["ApiErrorResponse"]);
        Assert.Equal(["Categories"], served["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(["searchservice"], served["x-romapi-missing"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("http://localhost:8080", served["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void A_schema_named_like_a_different_one_of_an_earlier_service_is_renamed_with_its_references()
    {
        JsonObject Document(string path, string property) => JsonNode.Parse($$"""
            {
              "paths": { "{{path}}": { "post": { "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/IngestResult" } } } } } } } },
              "components": { "schemas": {
                "IngestResult": { "type": "object", "properties": { "{{property}}": { "type": "integer" } } },
                "ApiErrorResponse": { "type": "object" } } }
            }
            """)!.AsObject();

        var combined = OpenApiMerge.Combine(
        [
            ("resourceservice", Document("/api/v1/api-resources/ingest", "created")),
            ("analyticsservice", Document("/api/v1/analytics/events", "accepted")),
        ]);

        var schemas = combined["components"]!["schemas"]!.AsObject();
        Assert.Equal(["AnalyticsserviceIngestResult", "ApiErrorResponse", "IngestResult"], schemas.Select(s => s.Key).Order());
        Assert.NotNull(schemas["IngestResult"]!["properties"]!["created"]);
        Assert.NotNull(schemas["AnalyticsserviceIngestResult"]!["properties"]!["accepted"]);
        string Reference(string path) =>
            combined["paths"]![path]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.Equal("#/components/schemas/IngestResult", Reference("/api/v1/api-resources/ingest"));
        Assert.Equal("#/components/schemas/AnalyticsserviceIngestResult", Reference("/api/v1/analytics/events"));
    }

    private static CombinedOpenApi Create(FakeSources sources)
    {
        var openApi = new CombinedOpenApi(sources, Options.Create(new DocsOptions()), TimeProvider.System, new Lifetime(),
            NullLogger<CombinedOpenApi>.Instance);
        openApi.SetSelf(new Uri("http://gateway/"));
        return openApi;
    }

    /// <summary>Each source answers a document with one path of its own name, through an optional gate.</summary>
    private sealed class FakeSources : HttpMessageHandler, IHttpClientFactory
    {
        private readonly Dictionary<string, int> _calls = [];
        public TaskCompletionSource? Gate { get; set; }
        public TaskCompletionSource AllAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public HashSet<string> Failing { get; } = [];

        public int Calls(string source)
        {
            lock (_calls)
            {
                return _calls.GetValueOrDefault(source);
            }
        }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var source = request.RequestUri!.Host;
            lock (_calls)
            {
                _calls[source] = _calls.GetValueOrDefault(source) + 1;
                if (_calls.Values.Sum() == Services.Length)
                {
                    AllAsked.TrySetResult();
                }
            }
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            if (Failing.Contains(source))
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("{\"paths\": {\"/api/v1/" + source + "\": {\"get\": {\"responses\": {\"200\": {\"description\": \"OK\"}}}}}}"),
            };
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication()
        {
        }
    }
}
