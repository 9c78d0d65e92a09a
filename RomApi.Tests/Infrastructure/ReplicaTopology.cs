namespace RomApi.Tests.Infrastructure;

public static class ReplicaTopology
{
    /// <summary>
    /// Several replicas of a project behind one DCP proxy. The AppHost lets the gateway bind its own port (no proxy) since it runs
    /// once; replicas need DCP to allocate each one a port and proxy the public one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProxiedReplicas(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        foreach (var endpoint in project.Resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.IsProxied = true;
            endpoint.Port = null;
            endpoint.TargetPort = null;
        }
        return project.WithReplicas(replicas);
    }
}
