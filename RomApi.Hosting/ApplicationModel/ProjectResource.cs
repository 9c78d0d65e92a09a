namespace RomApi.Hosting.ApplicationModel;

/// <summary>What the build tells about a referenced project (generated as <c>Projects.{Name}</c>, as in Aspire).</summary>
public interface IProjectMetadata
{
    /// <summary>The .csproj path.</summary>
    string ProjectPath { get; }

    /// <summary>The built assembly the orchestrator starts.</summary>
    string TargetPath { get; }
}

/// <summary>A .NET service: one process per replica in run mode, a <c>project.v0</c> in the manifest.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata) : IResourceWithWaitSupport
{
    public string Name { get; } = name;
    public IProjectMetadata Metadata { get; } = metadata;
    public int Replicas { get; internal set; } = 1;
    public bool IsExternal { get; internal set; }

    /// <summary>A fixed local port for the http endpoint (run mode); null lets the orchestrator choose.</summary>
    public int? FixedHttpPort { get; internal set; }

    /// <summary>Environment values: literals or references resolved at start.</summary>
    public IList<KeyValuePair<string, object>> Environment { get; } = [];

    /// <summary>Projects whose http endpoints this one discovers (<c>services__{name}__http__{i}</c>).</summary>
    public IList<ProjectResource> ServiceReferences { get; } = [];

    public IList<IResourceWithWaitSupport> WaitsFor { get; } = [];

    /// <summary>Set by the orchestrator: the port of each replica.</summary>
    public IReadOnlyList<int> AllocatedPorts { get; internal set; } = [];
}
