namespace RomApi.Hosting.ApplicationModel;

/// <summary>Redis: redis-server (or embedded Garnet) in run mode, the redis image in the manifest.</summary>
public sealed class RedisResource(string name, ParameterResource password) : ContainerLikeResource(name), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;
    public override string Image => "docker.io/library/redis:7.4";
    public override int TargetPort => 6379;
    public override string VolumeTarget => "/data";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");
}
