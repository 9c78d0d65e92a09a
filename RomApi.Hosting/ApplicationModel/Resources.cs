namespace RomApi.Hosting.ApplicationModel;

/// <summary>Anything the application model holds: a server, a database, a parameter, a project.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource that others reach through a connection string (<c>ConnectionStrings__{name}</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    ReferenceExpression ConnectionStringExpression { get; }
}

/// <summary>A resource that can be waited for: dependents start only once it is healthy.</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A server process of the local orchestrator (PostgreSQL, Redis) and a container in the manifest.</summary>
public abstract class ContainerLikeResource(string name) : IResourceWithWaitSupport
{
    public string Name { get; } = name;
    public abstract string Image { get; }
    public abstract int TargetPort { get; }
    public virtual string BindingName => "tcp";
    public EndpointReference PrimaryEndpoint => new(this, BindingName);
    public string? DataVolumeName { get; internal set; }
    public abstract string VolumeTarget { get; }

    /// <summary>The port the orchestrator bound the server to, once started.</summary>
    public int? AllocatedPort { get; internal set; }
}
