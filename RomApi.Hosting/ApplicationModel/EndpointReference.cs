namespace RomApi.Hosting.ApplicationModel;

public enum EndpointProperty
{
    Host,
    Port,
    Url,
}

/// <summary>An endpoint of a server resource; its host, port and url resolve once the orchestrator has bound it.</summary>
public sealed class EndpointReference(ContainerLikeResource resource, string bindingName)
{
    public ContainerLikeResource Resource => resource;
    public string BindingName => bindingName;

    public EndpointReferenceExpression Property(EndpointProperty property) => new(this, property);

    internal int Port => resource.AllocatedPort
        ?? throw new InvalidOperationException($"The endpoint '{bindingName}' of '{resource.Name}' is not allocated yet.");
}

public sealed class EndpointReferenceExpression(EndpointReference endpoint, EndpointProperty property)
    : IValueProvider, IManifestExpressionProvider
{
    public string ValueExpression =>
        $"{{{endpoint.Resource.Name}.bindings.{endpoint.BindingName}.{property.ToString().ToLowerInvariant()}}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(property switch
    {
        EndpointProperty.Host => LocalHost,
        EndpointProperty.Port => endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{endpoint.BindingName}://{LocalHost}:{endpoint.Port}",
    });

    internal const string LocalHost = "127.0.0.1";
}
