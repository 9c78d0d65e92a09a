using RomApi.Hosting.ApplicationModel;

namespace RomApi.Hosting.Orchestration;

/// <summary>The live state of every resource of the model (parameters and connection strings are not shown).</summary>
public sealed class ResourceStateStore
{
    private readonly Dictionary<string, ResourceState> _states;

    internal ResourceStateStore(IEnumerable<IResource> resources, int logCapacity)
    {
        _states = resources
            .Select(resource => Describe(resource) is { } type
                ? new ResourceState(resource.Name, type, resource is ProjectResource project ? project.Replicas : 1, logCapacity)
                : null)
            .OfType<ResourceState>()
            .ToDictionary(state => state.Name, StringComparer.OrdinalIgnoreCase);
    }

    public ResourceState this[string name] => _states.TryGetValue(name, out var state)
        ? state
        : throw new KeyNotFoundException($"No resource named '{name}'. Known: {string.Join(", ", _states.Keys)}.");

    public bool Contains(string name) => _states.ContainsKey(name);

    public IEnumerable<ResourceState> All => _states.Values;

    public IReadOnlyList<ResourceSnapshot> Snapshot() => _states.Values.Select(state => state.Snapshot()).ToArray();

    private static string? Describe(IResource resource) => resource switch
    {
        PostgresServerResource => "PostgreSQL",
        PostgresDatabaseResource => "Database",
        RedisResource => "Redis",
        ElasticsearchResource => "SearchEngine",
        ProjectResource => "Project",
        _ => null,
    };
}
