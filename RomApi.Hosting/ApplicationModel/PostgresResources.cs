namespace RomApi.Hosting.ApplicationModel;

/// <summary>A PostgreSQL server: a private cluster in run mode, the postgres image in the manifest.</summary>
public sealed class PostgresServerResource(string name, ParameterResource password)
    : ContainerLikeResource(name), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public ParameterResource Password { get; } = password;
    public override string Image => "docker.io/library/postgres:15";
    public override int TargetPort => 5432;
    public override string VolumeTarget => "/var/lib/postgresql/data";
    public IList<PostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}

/// <summary>A database inside a <see cref="PostgresServerResource"/>, created by the orchestrator when missing.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : IResourceWithConnectionString, IResourceWithWaitSupport
{
    public string Name { get; } = name;
    public string DatabaseName { get; } = databaseName;
    public PostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{new ConnectionStringReference(Parent)};Database={DatabaseName}");
}
