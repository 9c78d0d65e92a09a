using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport.Products.Elasticsearch;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// The Elasticsearch 9 engine through the official client (Elastic.Clients.Elasticsearch). Each replica owns the alias
/// "romapi-resources-{instance}" over one concrete index "…-{n}"; a rebuild fills "…-{n+1}" and one _aliases call moves the alias
/// and drops the old index, so searches never see an empty or partial index. The applied change-feed position is kept in the
/// index mapping's _meta.
/// </summary>
public sealed class ElasticsearchSearchIndex(
    ElasticsearchClient client, string instanceId, CategorySynonyms synonyms, IOptions<SearchIndexOptions> options) : ISearchIndex, IDisposable
{
    private const string PositionKey = "romapi_position";

    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly QueryPlanner _planner = new(new Planning.MinimumShouldMatch(options.Value.MinimumShouldMatch));
    private bool _initialized;

    public string Alias { get; } = $"romapi-resources-{instanceId.ToLowerInvariant()}";

    private ElasticsearchClient Client => client;

    public async Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken)
    {
        if (_planner.Plan(query.Text) is not { } plan)
        {
            return new SearchIndexPage(0, [], SearchFacets.Empty);
        }
        await EnsureReadyAsync(cancellationToken);
        var page = await SearchPlanAsync(plan, query, cancellationToken);
        // The same second pass as the Lucene engine: few results for several words, so any word will do, strict matches first.
        return plan.Relaxed(page.Total) is { } relaxed ? await SearchPlanAsync(relaxed, query, cancellationToken) : page;
    }

    private async Task<SearchIndexPage> SearchPlanAsync(QueryPlan plan, SearchIndexQuery query, CancellationToken cancellationToken)
    {
        var response = Checked(await client.SearchAsync<ElasticsearchDocument>(ElasticsearchQueries.Search(Alias, plan, query), cancellationToken), "search");
        var hits = response.Hits.Select(hit =>
        {
            var document = hit.Source!.ToSearchDocument();
            double? distance = query.Geo is { } geo && document.Latitude is { } lat && document.Longitude is { } lon
                ? Math.Round(Haversine.DistanceKm(geo.Latitude, geo.Longitude, lat, lon), 3)
                : null;
            return new SearchIndexHit(document, (float)(hit.Score ?? 0), distance);
        }).ToList();
        var total = response.Total;
        return new SearchIndexPage(total, hits, new SearchFacets(
            Buckets(response.Aggregations, ElasticsearchQueries.CategoryFacet),
            Buckets(response.Aggregations, ElasticsearchQueries.CityFacet),
            Buckets(response.Aggregations, ElasticsearchQueries.TypeFacet),
            new FacetsOther(
                Other(response.Aggregations, ElasticsearchQueries.CategoryFacet),
                Other(response.Aggregations, ElasticsearchQueries.CityFacet),
                Other(response.Aggregations, ElasticsearchQueries.TypeFacet))));
    }

    public async Task<IReadOnlyList<SuggestionHit>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var response = Checked(await client.SearchAsync<ElasticsearchSuggestion>(ElasticsearchQueries.Suggest(Alias, prefix, limit), cancellationToken), "suggest");
        return response.Documents.Select(source => new SuggestionHit(Guid.Parse(source.Id), source.Name, source.Slug)).ToList();
    }

    public async Task<long> ReadPositionAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var response = Checked(await client.Indices.GetMappingAsync(new GetMappingRequest(Alias), cancellationToken), "read the mapping");
        foreach (var index in response.Mappings.Values)
        {
            if (index.Mappings?.Meta is { } meta && meta.TryGetValue(PositionKey, out var position) && position is not null &&
                long.TryParse(position.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }
        return 0;
    }

    public async Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, bool moreToCome, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        await ApplyToAsync(Alias, operations, position, moreToCome ? Refresh.False : Refresh.WaitFor, cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        return Checked(await client.CountAsync(new CountRequest(Alias), cancellationToken), "count").Count;
    }

    public async Task<IIndexBuild> BeginRebuildAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var aliases = Checked(await client.Indices.GetAliasAsync(new GetAliasRequest(Names.Parse(Alias)), cancellationToken), "read the alias");
        var live = aliases.Aliases?.Keys.Single() ?? throw new SearchUnavailableException("Elasticsearch lists no index behind the alias.");
        var next = $"{Alias}-{int.Parse(live[(Alias.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1}";
        Checked(await client.Indices.CreateAsync(new CreateIndexRequest(next), cancellationToken), "create the index");
        return new Build(this, live, next);
    }

    /// <summary>
    /// One _bulk per feed page, then the position. refresh=wait_for makes the page visible on return (like the Lucene engine's
    /// refresh); during a bulk load (refresh=false) the index's own 1 s refresh interval makes it visible.
    /// </summary>
    private async Task ApplyToAsync(string target, IReadOnlyList<IndexOperation> operations, long position, Refresh refresh, CancellationToken cancellationToken)
    {
        if (operations.Count > 0)
        {
            var bulk = new BulkRequest(target) { Refresh = refresh, Operations = [] };
            foreach (var operation in operations)
            {
                bulk.Operations.Add(operation is UpsertDocument upsert
                    ? new BulkIndexOperation<ElasticsearchDocument>(ElasticsearchDocument.From(upsert.Document, synonyms)) { Id = operation.Id.ToString() }
                    : new BulkDeleteOperation(operation.Id.ToString()));
            }
            var response = Checked(await client.BulkAsync(bulk, cancellationToken), "bulk", acceptItemErrors: true);
            // Deleting what is not there (404) is a harmless replay; anything else is a failure to retry.
            if (response.Errors && response.ItemsWithErrors.FirstOrDefault(item => item.Status != 404) is { } failed)
            {
                throw new SearchUnavailableException($"Elasticsearch refused a bulk item: {failed.Error?.Type}.");
            }
        }
        var meta = new PutMappingRequest(target) { Meta = new Dictionary<string, object> { [PositionKey] = position } };
        Checked(await client.Indices.PutMappingAsync(meta, cancellationToken), "record the position");
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
            Checked(await client.Indices.PutIndexTemplateAsync(ElasticsearchIndexTemplate.Request(Alias, $"{Alias}-*"), cancellationToken), "put the index template");
            var exists = await client.Indices.ExistsAliasAsync(new ExistsAliasRequest(Names.Parse(Alias)), cancellationToken);
            if (!exists.Exists)
            {
                if (exists.ApiCallDetails.HttpStatusCode != 404)
                {
                    throw Unavailable(exists, "check the alias");
                }
                var create = new CreateIndexRequest($"{Alias}-1") { Aliases = new Dictionary<Name, Alias> { [Alias] = new() } };
                Checked(await client.Indices.CreateAsync(create, cancellationToken), "create the index");
            }
            _initialized = true;
        }
        finally
        {
            _ready.Release();
        }
    }

    private static T Checked<T>(T response, string what, bool acceptItemErrors = false) where T : ElasticsearchResponse =>
        response.IsValidResponse || (acceptItemErrors && response.ApiCallDetails.HttpStatusCode is 200) ? response : throw Unavailable(response, what);

    private static SearchUnavailableException Unavailable(ElasticsearchResponse response, string what) =>
        // The error body can echo the query, never credentials; keep the status and the error type only.
        new(response.ApiCallDetails.HttpStatusCode is { } status
                ? $"Elasticsearch answered {status} to {what} ({response.ElasticsearchServerError?.Error?.Type ?? "no error body"})."
                : $"Elasticsearch does not answer ({what}).",
            response.ApiCallDetails.OriginalException);

    private static List<FacetCount> Buckets(AggregateDictionary? aggregations, string name) =>
        aggregations?.GetStringTerms(name)?.Buckets.Select(bucket => new FacetCount(bucket.Key.ToString(), bucket.DocCount)).ToList() ?? [];

    private static long Other(AggregateDictionary? aggregations, string name) =>
        (aggregations?.GetStringTerms(name)?.SumOtherDocCount ?? 0) + (aggregations?.GetMissing(name + ElasticsearchQueries.MissingSuffix)?.DocCount ?? 0);

    public void Dispose()
    {
        _ready.Dispose();
        _planner.Dispose();
    }

    private sealed class Build(ElasticsearchSearchIndex owner, string live, string next) : IIndexBuild
    {
        private bool _swapped;

        public Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, CancellationToken cancellationToken) =>
            owner.ApplyToAsync(next, operations, position, Refresh.False, cancellationToken);

        public async Task SwapInAsync(CancellationToken cancellationToken)
        {
            // The build was filled without refreshes: all of it becomes visible before it goes live.
            Checked(await owner.Client.Indices.RefreshAsync(new RefreshRequest(next), cancellationToken), "refresh the new index");
            // One atomic call: the alias moves to the new index and the old index goes.
            var actions = new UpdateAliasesRequest
            {
                Actions =
                [
                    new AddAction { Index = next, Alias = owner.Alias },
                    new RemoveIndexAction { Index = live },
                ],
            };
            Checked(await owner.Client.Indices.UpdateAliasesAsync(actions, cancellationToken), "swap the alias");
            _swapped = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_swapped)
            {
                // Left behind if this fails too; the next rebuild of the same number recreates it.
                await owner.Client.Indices.DeleteAsync(new DeleteIndexRequest(next), CancellationToken.None);
            }
        }
    }
}
