namespace RomApi.Gateway.Proxy;

/// <summary>
/// The active health policy: a replica whose /health fails <see cref="ProxyOptions.ActiveHealthFailures"/> probes in a row is out of
/// rotation, one passing probe puts it back. A passing probe also ends what the passive checks and the circuit breaker concluded
/// from failed requests: the replica answers again (a restarted process, a database that is back), so the gateway need not wait
/// out their fixed periods (10 s and 30 s) while clients get 503s from a healthy service.
/// A replica that has never passed a probe stays Unknown (starting) rather than going out of rotation: the gateway starts
/// alongside the services, and a replica ruled out while it started would get traffic only a probe interval after it became
/// healthy, when the gateway's own health (which includes the replicas') already said it was ready. Requests to a replica still
/// starting fail like requests to one out of rotation (503), and the passive checks still rule it out.
/// </summary>
public sealed class ProbeHealthPolicy(IDestinationHealthUpdater health, CircuitBreakerPerService breakers, IOptions<ProxyOptions> options)
    : IActiveHealthCheckPolicy
{
    public const string PolicyName = "ProbeClosesBreaker";
    private readonly ConditionalWeakTable<DestinationState, ProbeRecord> _records = [];

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        var settings = options.Value;
        var updates = new List<NewActiveDestinationHealth>(probingResults.Count);
        var anyPassed = false;
        foreach (var result in probingResults)
        {
            var record = _records.GetValue(result.Destination, _ => new ProbeRecord());
            if (result.Response is { IsSuccessStatusCode: true })
            {
                anyPassed = true;
                record.PassedOnce = true;
                Interlocked.Exchange(ref record.FailuresInARow, 0);
                updates.Add(new NewActiveDestinationHealth(result.Destination, DestinationHealth.Healthy));
                if (result.Destination.Health.Passive == DestinationHealth.Unhealthy)
                {
                    health.SetPassive(cluster, result.Destination, DestinationHealth.Healthy, settings.PassiveReactivationPeriod);
                }
                continue;
            }
            var inARow = Interlocked.Increment(ref record.FailuresInARow);
            updates.Add(new NewActiveDestinationHealth(result.Destination,
                record.PassedOnce && inARow >= settings.ActiveHealthFailures ? DestinationHealth.Unhealthy : result.Destination.Health.Active));
        }
        health.SetActive(cluster, updates);
        if (anyPassed && breakers.All.TryGetValue(cluster.ClusterId, out var breaker))
        {
            breaker.ProbePassed();
        }
    }
}

/// <summary>What the probes have seen of one replica.</summary>
internal sealed class ProbeRecord
{
    public int FailuresInARow;
    public volatile bool PassedOnce;
}
