using System.Data.Common;
using Elastic.Clients.Elasticsearch;
using RomApi.SearchService.SearchIndex.Elasticsearch;
using RomApi.ServiceDefaults.Health;

namespace RomApi.SearchService.SearchIndex;

public static class SearchIndexExtensions
{
    /// <summary>Registers the engine named by ConnectionStrings:search and the "search-index" health check (documents, lag).</summary>
    public static IHostApplicationBuilder AddSearchIndex(this IHostApplicationBuilder builder)
    {
        var options = Parse(
            builder.Configuration.GetRequiredConnectionString(SearchIndexOptions.ConnectionName),
            ServiceInstance.IdFrom(builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"]));
        builder.Services.AddOptions<SearchIndexOptions>().Configure(configured =>
        {
            configured.Engine = options.Engine;
            configured.LuceneDirectory = options.LuceneDirectory;
            configured.ElasticsearchUri = options.ElasticsearchUri;
            configured.MinimumShouldMatch = builder.Configuration["Search:MinimumShouldMatch"] ?? configured.MinimumShouldMatch;
        });

        if (options.Engine == SearchEngineKind.Elasticsearch)
        {
            builder.Services.AddHttpClient(ElasticsearchHealthCheck.HttpClientName);
            builder.Services.AddSingleton(_ => ElasticsearchClients.Create(options.ElasticsearchUri!));
            builder.Services.AddSingleton(services => new ElasticsearchSearchIndex(
                services.GetRequiredService<ElasticsearchClient>(), ServiceInstance.IdFrom(builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"]),
                services.GetRequiredService<CategorySynonyms>(), services.GetRequiredService<IOptions<SearchIndexOptions>>()));
            builder.Services.AddSingleton<ISearchIndex>(services => services.GetRequiredService<ElasticsearchSearchIndex>());
            builder.Services.AddHealthChecks().AddCheck<ElasticsearchHealthCheck>("elasticsearch", timeout: DependencyHealth.CheckTimeout);
        }
        else
        {
            builder.Services.AddSingleton<LuceneDocuments>();
            builder.Services.AddSingleton(_ => LuceneVocabulary.CreateDefault());
            builder.Services.AddSingleton<LuceneSearchIndex>();
            builder.Services.AddSingleton<ISearchIndex>(services => services.GetRequiredService<LuceneSearchIndex>());
            // Opened when the host starts and closed when it stops, so the folder lock never outlives the process.
            builder.Services.AddHostedService(services => services.GetRequiredService<LuceneSearchIndex>());
            builder.Services.AddHostedService<LuceneWarmUp>();
        }
        builder.Services.AddSingleton(_ => CategorySynonyms.LoadEmbedded());
        builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-index", timeout: DependencyHealth.CheckTimeout);
        return builder;
    }

    public static SearchIndexOptions Parse(string connectionString, string instanceId)
    {
        if (connectionString.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            connectionString.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(connectionString, UriKind.Absolute, out var uri)
                ? new SearchIndexOptions { Engine = SearchEngineKind.Elasticsearch, ElasticsearchUri = uri }
                : throw new InvalidOperationException($"ConnectionStrings:{SearchIndexOptions.ConnectionName} is not a valid Elasticsearch URL.");
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var engine = parts.TryGetValue("Engine", out var engineValue) ? engineValue?.ToString() : null;
        if (!string.Equals(engine, "Lucene", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{SearchIndexOptions.ConnectionName} must be 'Engine=Lucene;Directory=<folder>' or an Elasticsearch URL.");
        }
        if (!parts.TryGetValue("Directory", out var directory) || directory?.ToString() is not { Length: > 0 } folder)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{SearchIndexOptions.ConnectionName} names the Lucene engine but no Directory.");
        }
        return new SearchIndexOptions
        {
            Engine = SearchEngineKind.Lucene,
            // Each replica writes its own index: one Lucene folder admits a single writer.
            LuceneDirectory = Path.Combine(Path.GetFullPath(folder), instanceId),
        };
    }
}
