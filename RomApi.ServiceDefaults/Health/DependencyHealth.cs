namespace RomApi.ServiceDefaults.Health;

/// <summary>
/// How long the health check of one dependency (PostgreSQL, Redis, the search index, Elasticsearch) may take. It stays under the
/// probes that read a service's /health (the gateway's, 2 s; Kubernetes', 3 s): a dependency that hangs makes its own check fail
/// in time, with that check's failure status (Degraded for Redis, which every service works on without), rather than making
/// /health answer late, so that the probe gives up and takes a working replica out of rotation.
/// </summary>
public static class DependencyHealth
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);
}
