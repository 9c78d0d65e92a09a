namespace RomApi.Hosting.ApplicationModel;

/// <summary>
/// The search engine. In the manifest: an Elasticsearch 8 container. In run mode: the Elasticsearch URL given to the AppHost as
/// <c>ConnectionStrings:{name}</c>, or else the search service's embedded Lucene index in the data folder (no server to start).
/// </summary>
public sealed class ElasticsearchResource(string name, ParameterResource password)
    : ContainerLikeResource(name), IResourceWithRunModeConnectionString
{
    public const string UserName = "elastic";

    public ParameterResource Password { get; } = password;
    public override string Image => "docker.io/library/elasticsearch:8.17.3";
    public override int TargetPort => 9200;
    public override string BindingName => "http";
    public override string VolumeTarget => "/usr/share/elasticsearch/data";

    /// <summary>Set in run mode: the external URL, or the embedded-index connection string.</summary>
    internal string? RunModeConnectionString { get; set; }

    /// <summary>True in run mode when no Elasticsearch URL was given.</summary>
    public bool IsEmbedded { get; internal set; }

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"http://{UserName}:{Password}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");

    public ValueTask<string?> GetRunModeConnectionStringAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(RunModeConnectionString);
}
