namespace RomApi.AppHost;

/// <summary>
/// Shapes the manifest for Aspirate, which keeps in Kubernetes Secrets only variables named ConnectionStrings* (and
/// POSTGRES_PASSWORD) and puts every other variable in a plain ConfigMap.
/// </summary>
public static class AspirateCompatibilityExtensions
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
    /// The stock Redis container for Aspirate. Its password travels in a variable named so that Aspirate makes it a Secret, and
    /// reaches redis-server as an argument Kubernetes expands from the container's environment (<c>$(NAME)</c>): no shell and
    /// no quotes, which Aspirate would HTML-escape. The image's own entrypoint runs redis-server with the append-only file on, so
    /// rate-limit counters and quotas survive a restart. SKIP_FIX_PERMS tells that entrypoint not to chown /data (the pod runs
    /// as the image's redis user with the volume's group set); it is also the non-secret variable without which Aspirate's
    /// template writes the Secret reference under <c>ports:</c>. The endpoint's "redis" scheme is not one the manifest schema
    /// (and Aspirate) knows: it is plain TCP.
    /// </summary>
    public static IResourceBuilder<RedisResource> ForAspirate(this IResourceBuilder<RedisResource> redis)
    {
        redis.Resource.Entrypoint = null;
        return redis
            .WithEndpoint("tcp", endpoint => endpoint.UriScheme = "tcp")
            .WithEnvironment(context =>
            {
                if (context.EnvironmentVariables.Remove("REDIS_PASSWORD", out var password))
                {
                    context.EnvironmentVariables[RedisPasswordVariable] = password;
                }
                context.EnvironmentVariables["SKIP_FIX_PERMS"] = "1";
            })
            .WithArgs(context =>
            {
                context.Args.Clear();
                foreach (var argument in (string[])["--requirepass", KubernetesExpansion(RedisPasswordVariable), "--appendonly", "yes", "--appendfsync", "everysec"])
                {
                    context.Args.Add(argument);
                }
            });
    }

    /// <summary>A reference Kubernetes replaces by the container's variable in <c>command</c> and <c>args</c>, without a shell.</summary>
    public static string KubernetesExpansion(string variable) => $"$({variable})";
}
