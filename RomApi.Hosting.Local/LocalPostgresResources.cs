namespace RomApi.Hosting.Local;

/// <summary>
/// PostgreSQL as a local executable under DCP, the run-mode stand-in for the postgres container and its volume where there is
/// no container engine. Its data folder survives restarts; as root the server runs as the postgres user.
/// </summary>
public sealed class LocalPostgresServerResource(string name, ParameterResource password, string dataFolder, string command)
    : ExecutableResource(name, command, "/tmp"), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The cluster's folder (initdb's -D).</summary>
    public string DataFolder { get; } = dataFolder;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public Dictionary<string, string> Databases { get; } = new(StringComparer.Ordinal);

    internal List<LocalPostgresDatabaseResource> DatabaseResources { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}

/// <summary>A database of <see cref="LocalPostgresServerResource"/>: created once the server is ready, healthy once it answers.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;
    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
