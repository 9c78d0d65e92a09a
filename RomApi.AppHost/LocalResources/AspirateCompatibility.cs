namespace RomApi.AppHost.LocalResources;

/// <summary>
/// Shapes the manifest for Aspirate, which keeps in Kubernetes Secrets only variables named ConnectionStrings* (and
/// POSTGRES_PASSWORD) and puts every other variable in a plain ConfigMap.
/// </summary>
public static class AspirateCompatibility
{
    public const string RedisPasswordVariable = "ConnectionStrings__redis_password";

    /// <summary>
    /// Services get connection strings and service discovery only: not Aspire 13's per-property variables
    /// (<c>IDENTITYDB_PASSWORD</c>, <c>CACHE_URI</c>, ...), which would land in a ConfigMap and use the <c>annotated.string</c>
    /// manifest type Aspirate leaves unresolved.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConnectionStringsOnly(this IResourceBuilder<ProjectResource> project) =>
        project.WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery);

    /// <summary>
    /// The stock Redis container reads its password from REDIS_PASSWORD: that variable is renamed so Aspirate makes it a Secret.
    /// Its endpoint's "redis" scheme is not one the manifest schema (and Aspirate) knows: it is plain TCP.
    /// </summary>
    public static IResourceBuilder<RedisResource> ForAspirate(this IResourceBuilder<RedisResource> redis) => redis
        .WithEndpoint("tcp", endpoint => endpoint.UriScheme = "tcp")
        .WithEnvironment(context =>
        {
            if (context.EnvironmentVariables.Remove("REDIS_PASSWORD", out var password))
            {
                context.EnvironmentVariables[RedisPasswordVariable] = password;
            }
        })
        .WithArgs(context =>
        {
            for (var i = 0; i < context.Args.Count; i++)
            {
                if (context.Args[i] is string argument && argument.Contains("$REDIS_PASSWORD", StringComparison.Ordinal))
                {
                    context.Args[i] = argument.Replace("$REDIS_PASSWORD", $"\"${RedisPasswordVariable}\"", StringComparison.Ordinal);
                }
            }
        });
}
