namespace RomApi.Hosting.Orchestration;

public static class ResourceStateNames
{
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Exited = "Exited";
    public const string FailedToStart = "FailedToStart";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string NotStarted = "NotStarted";
}

public static class HealthStateNames
{
    public const string Unknown = "Unknown";
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
}

/// <summary>What the dashboard and tests see of one resource at one moment.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string Health,
    string? Message,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    int Restarts);

public sealed record ReplicaSnapshot(
    int Index,
    string InstanceId,
    int? ProcessId,
    int? Port,
    string State,
    string Health,
    int Restarts,
    DateTimeOffset? StartedAt,
    int? LastExitCode);

/// <summary>The live state of one resource; updated by its runner, read by the dashboard and by WaitFor.</summary>
public sealed class ResourceState
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReplicaState[] _replicas;
    private string _state = ResourceStateNames.NotStarted;
    private string _health = HealthStateNames.Unknown;
    private string? _message;
    private IReadOnlyList<string> _endpoints = [];

    public ResourceState(string name, string type, int replicas, int logCapacity)
    {
        Name = name;
        Type = type;
        // A database is not a process of its own: it has no replicas to show.
        _replicas = Enumerable.Range(0, type == "Database" ? 0 : replicas).Select(i => new ReplicaState(i, replicas == 1 && type != "Project" ? name : $"{name}-{i}")).ToArray();
        Logs = new LogBuffer(logCapacity);
    }

    public string Name { get; }
    public string Type { get; }
    public LogBuffer Logs { get; }
    public int ReplicaCount => _replicas.Length;

    /// <summary>Completes the first time the resource is healthy; faults if it fails to start.</summary>
    public Task HealthyOnce => _healthy.Task;

    public void Set(string? state = null, string? health = null, string? message = null, IReadOnlyList<string>? endpoints = null)
    {
        lock (_gate)
        {
            _state = state ?? _state;
            _health = health ?? _health;
            _message = message ?? _message;
            _endpoints = endpoints ?? _endpoints;
            if (_health == HealthStateNames.Healthy)
            {
                _healthy.TrySetResult();
            }
        }
    }

    /// <summary>True when this resource failed only because something it needs failed (not a cause worth showing first).</summary>
    public bool FailedBecauseOfDependency { get; private set; }

    public void Fail(string message, bool becauseOfDependency = false)
    {
        lock (_gate)
        {
            FailedBecauseOfDependency = becauseOfDependency;
            _state = ResourceStateNames.FailedToStart;
            _health = HealthStateNames.Unhealthy;
            _message = message;
            _healthy.TrySetException(new DistributedApplicationException(message));
        }
    }

    public void UpdateReplica(int index, Action<ReplicaState> update)
    {
        lock (_gate)
        {
            update(_replicas[index]);
            // A project is healthy when every replica is; its state follows the worst replica.
            if (Type == "Project")
            {
                _health = _replicas.All(r => r.Health == HealthStateNames.Healthy) ? HealthStateNames.Healthy
                    : _replicas.Any(r => r.Health == HealthStateNames.Unhealthy) ? HealthStateNames.Unhealthy
                    : HealthStateNames.Unknown;
                _state = _replicas.All(r => r.State == ResourceStateNames.Running) ? ResourceStateNames.Running : _replicas
                    .Select(r => r.State).FirstOrDefault(s => s != ResourceStateNames.Running) ?? _state;
                if (_health == HealthStateNames.Healthy)
                {
                    _healthy.TrySetResult();
                }
            }
        }
    }

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            // A server has one process and one health: its replica shows the resource's own.
            var replicas = _replicas.Select(r => Type == "Project" ? r.ToSnapshot() : r.ToSnapshot() with { Health = _health }).ToArray();
            return new ResourceSnapshot(Name, Type, _state, _health, _message, _endpoints, replicas, replicas.Sum(r => r.Restarts));
        }
    }
}

public sealed class ReplicaState(int index, string instanceId)
{
    public int Index { get; } = index;
    public string InstanceId { get; } = instanceId;
    public int? ProcessId { get; set; }
    public int? Port { get; set; }
    public string State { get; set; } = ResourceStateNames.NotStarted;
    public string Health { get; set; } = HealthStateNames.Unknown;
    public int Restarts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public int? LastExitCode { get; set; }

    public ReplicaSnapshot ToSnapshot() => new(Index, InstanceId, ProcessId, Port, State, Health, Restarts, StartedAt, LastExitCode);
}
