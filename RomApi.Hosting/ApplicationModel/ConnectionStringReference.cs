namespace RomApi.Hosting.ApplicationModel;

/// <summary>The connection string of a resource, as <c>{name.connectionString}</c> in the manifest.</summary>
public sealed class ConnectionStringReference(IResourceWithConnectionString resource) : IValueProvider, IManifestExpressionProvider
{
    public IResourceWithConnectionString Resource => resource;

    public string ValueExpression => $"{{{resource.Name}.connectionString}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        resource is IResourceWithRunModeConnectionString runMode
            ? runMode.GetRunModeConnectionStringAsync(cancellationToken)
            : resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
}

/// <summary>A resource whose run-mode connection string is not its manifest expression (Elasticsearch vs. the embedded index).</summary>
public interface IResourceWithRunModeConnectionString : IResourceWithConnectionString
{
    ValueTask<string?> GetRunModeConnectionStringAsync(CancellationToken cancellationToken);
}
