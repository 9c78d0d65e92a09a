using RomApi.Hosting.ApplicationModel;

namespace RomApi.Hosting;

/// <summary>PostgreSQL, Redis and Elasticsearch, named as in Aspire's hosting integrations.</summary>
public static class ServerResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource>? password = null)
    {
        var passwordParameter = password?.Resource ?? AddGeneratedPassword(builder, name);
        return builder.AddResource(new PostgresServerResource(name, passwordParameter));
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }

    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name, AddGeneratedPassword(builder, name)));

    public static IResourceBuilder<ElasticsearchResource> AddElasticsearch(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new ElasticsearchResource(name, AddGeneratedPassword(builder, name)));

    /// <summary>Keeps the server's data in a named volume (run mode: a folder under the data directory that survives restarts).</summary>
    public static IResourceBuilder<T> WithDataVolume<T>(this IResourceBuilder<T> builder, string? name = null) where T : ContainerLikeResource
    {
        builder.Resource.DataVolumeName = name ?? $"romapi-{builder.Resource.Name}-data";
        return builder;
    }

    private static ParameterResource AddGeneratedPassword(IDistributedApplicationBuilder builder, string resourceName) =>
        builder.AddResource(new ParameterResource($"{resourceName}-password", secret: true, defaultValue: null, generatedLength: 22)).Resource;
}
