using RomApi.Hosting.ApplicationModel;

namespace RomApi.Hosting;

/// <summary>The Aspire builder verbs: parameters, references, waits, replicas, endpoints, environment.</summary>
public static class ResourceBuilderExtensions
{
    public const int GeneratedSecretLength = 32;

    /// <summary>A parameter read from <c>Parameters:{name}</c>; a secret one left unset is generated once (run mode) or by Aspirate (deploy).</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, defaultValue: null, secret ? GeneratedSecretLength : 0));

    /// <summary>A parameter with a default used when configuration does not set it.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, string defaultValue, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, defaultValue, generatedLength: 0));

    /// <summary>A connection string composed of other values, e.g. a signing key handed to services as a secret.</summary>
    public static IResourceBuilder<ConnectionStringResource> AddConnectionString(
        this IDistributedApplicationBuilder builder, string name, ReferenceExpression expression) =>
        builder.AddResource(new ConnectionStringResource(name, expression));

    /// <summary>Passes <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        builder.Resource.Environment.Add(new($"ConnectionStrings__{source.Resource.Name}", new ConnectionStringReference(source.Resource)));
        return builder;
    }

    /// <summary>Passes <c>services__{name}__http__{i}</c> for every replica of the referenced project (service discovery).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> source)
    {
        builder.Resource.ServiceReferences.Add(source.Resource);
        return builder;
    }

    /// <summary>Starts this project only after the dependency reports healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithWaitSupport> dependency)
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>Marks the http endpoint as reachable from outside the cluster (an ingress in Kubernetes).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.IsExternal = true;
        return builder;
    }

    /// <summary>Fixes the local port of the http endpoint (run mode); 0 or null lets the orchestrator pick one.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port)
    {
        builder.Resource.FixedHttpPort = port is > 0 ? port : null;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.Environment.Add(new(name, value));
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ParameterResource> parameter)
    {
        builder.Resource.Environment.Add(new(name, parameter.Resource));
        return builder;
    }

    /// <summary>Adds a project from its generated metadata type (<c>Projects.RomApi_Gateway</c>).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));
}
