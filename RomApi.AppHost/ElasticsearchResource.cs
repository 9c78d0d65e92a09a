namespace RomApi.AppHost;

/// <summary>
/// Elasticsearch 9 as a container resource (there is no Aspire.Hosting.Elasticsearch in the registry copy): the search engine of
/// a cluster deploy. Its password reaches the container in a ConnectionStrings__* variable, the only kind Aspirate keeps in a
/// Kubernetes Secret; <c>env</c> hands it on as the ELASTIC_PASSWORD the image reads, from an argument Kubernetes expands
/// (no shell, no quotes for Aspirate to HTML-escape).
/// </summary>
public sealed class ElasticsearchResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";
    public const string InternalEndpointName = "internal";
    public const string PasswordVariable = "ConnectionStrings__elastic_password";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"http://elastic:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}

public static class SearchEngineExtensions
{
    public const string ElasticsearchImage = "elasticsearch/elasticsearch";
    /// <summary>The server's minor must be the client's (Elastic.Clients.Elasticsearch 9.5.3) or newer.</summary>
    public const string ElasticsearchTag = "9.5.3";

    /// <summary>The JVM heap; the production overlay gives the container twice this as its memory limit.</summary>
    public const string ElasticsearchHeap = "1g";

    /// <summary>
    /// The search engine. Publish mode: an Elasticsearch 9 container with a data volume. Run mode: the Elasticsearch server
    /// named by the AppHost's <c>ConnectionStrings:{name}</c> when given, else the search service's embedded Lucene index in the
    /// data folder (each replica keeps its own index under it).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddSearchEngine(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string dataFolder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            var elasticsearch = new ElasticsearchResource(name, password.Resource);
            return builder.AddResource(elasticsearch)
                .WithImage(ElasticsearchImage, ElasticsearchTag)
                .WithImageRegistry("docker.elastic.co")
                .WithHttpEndpoint(targetPort: 9200, name: ElasticsearchResource.HttpEndpointName)
                .WithEndpoint(targetPort: 9300, name: ElasticsearchResource.InternalEndpointName)
                .WithEnvironment("discovery.type", "single-node")
                .WithEnvironment("xpack.security.enabled", "true")
                .WithEnvironment("ES_JAVA_OPTS", $"-Xms{ElasticsearchHeap} -Xmx{ElasticsearchHeap}")
                // A restricted pod cannot raise vm.max_map_count on the node: Lucene's files are read without mmap instead.
                .WithEnvironment("node.store.allow_mmap", "false")
                .WithEnvironment(ElasticsearchResource.PasswordVariable, password)
                .WithEntrypoint("/usr/bin/env")
                .WithArgs($"ELASTIC_PASSWORD={AspirateCompatibilityExtensions.KubernetesExpansion(ElasticsearchResource.PasswordVariable)}",
                    "/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh", "eswrapper")
                .WithVolume("romapi-search-data", "/usr/share/elasticsearch/data");
        }
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }
        Directory.CreateDirectory(dataFolder);
        return builder.AddConnectionString(name, ReferenceExpression.Create($"Engine=Lucene;Directory={dataFolder}"));
    }
}
