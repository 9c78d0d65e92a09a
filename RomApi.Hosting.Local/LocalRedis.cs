namespace RomApi.Hosting.Local;

/// <summary>
/// The cache as a local executable under DCP: redis-server when it is installed, else the small Garnet server of
/// tools/RomApi.Garnet (a fresh machine of this kind has no redis-server). Same connection string either way.
/// </summary>
public sealed class LocalRedisResource(string name, ParameterResource password, string command)
    : ExecutableResource(name, command, "/tmp"), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}

public static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string dataFolder)
    {
        var redisServer = HostTools.FindOnPath("redis-server", builder.Configuration["PATH"]);
        var port = FreePorts.Of(builder).PortOrFree(0);
        var resource = new LocalRedisResource(name, password.Resource, redisServer ?? "dotnet");
        Directory.CreateDirectory(dataFolder);

        var redis = builder.AddResource(resource)
            .WithEndpoint(port: port, targetPort: port, name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithIconName("Memory");
        if (redisServer is not null)
        {
            // The password goes in a private config file, not on the command line where ps and the dashboard would show it.
            // Every write goes to the append-only file before its answer (fsync each second): a killed redis-server comes back
            // with its counters, lockouts and cache; only a machine crash loses up to the last second.
            var config = Path.Combine(dataFolder, "redis.conf");
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, ct) =>
            {
                await File.WriteAllLinesAsync(config,
                [
                    "bind 127.0.0.1", $"port {port}", $"requirepass {await password.Resource.GetValueAsync(ct)}",
                    $"dir {dataFolder}", "daemonize no", "save 60 1000",
                    "appendonly yes", "appendfsync everysec",
                ], ct);
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            });
            redis.WithArgs(config);
        }
        else
        {
            redis.WithArgs(GarnetServerPath(builder), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--dir", dataFolder)
                .WithEnvironment("Garnet__Password", password);
        }

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey,
            async ct => await RedisPing.CheckAsync(port, await password.Resource.GetValueAsync(ct) ?? "", ct));
        return redis.WithHealthCheck(healthCheckKey);
    }

    /// <summary>tools/RomApi.Garnet's build output, built with the AppHost (a project reference that is not a resource).</summary>
    private static string GarnetServerPath(IDistributedApplicationBuilder builder) =>
        ProjectOutputs.AssemblyOf(builder, Path.Combine(builder.AppHostDirectory, "..", "tools", "RomApi.Garnet", "RomApi.Garnet.csproj"))
        ?? throw new DistributedApplicationException("The AppHost was built without tools/RomApi.Garnet.");
}
