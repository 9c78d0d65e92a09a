using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// The active health policy: a replica whose /health fails <see cref="ProxyOptions.ActiveHealthFailures"/> probes in a row is out of
/// rotation, one passing probe puts it back. A passing probe also ends what the passive checks and the circuit breaker concluded
/// from failed requests: the replica answers again (a restarted process, a database that is back), so the gateway need not wait
/// out their fixed periods (10 s and 30 s) while clients get 503s from a healthy service.
/// </summary>
public sealed class ProbeHealthPolicy(IDestinationHealthUpdater health, CircuitBreakerPerService breakers, IOptions<ProxyOptions> options)
    : IActiveHealthCheckPolicy
{
    public const string PolicyName = "ProbeClosesBreaker";
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failuresInARow = [];

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        var settings = options.Value;
        var updates = new List<NewActiveDestinationHealth>(probingResults.Count);
        var anyPassed = false;
        foreach (var result in probingResults)
        {
            var failures = _failuresInARow.GetValue(result.Destination, _ => new StrongBox<int>());
            if (result.Response is { IsSuccessStatusCode: true })
            {
                anyPassed = true;
                Interlocked.Exchange(ref failures.Value, 0);
                updates.Add(new NewActiveDestinationHealth(result.Destination, DestinationHealth.Healthy));
                if (result.Destination.Health.Passive == DestinationHealth.Unhealthy)
                {
                    health.SetPassive(cluster, result.Destination, DestinationHealth.Healthy, settings.PassiveReactivationPeriod);
                }
                continue;
            }
            var inARow = Interlocked.Increment(ref failures.Value);
            updates.Add(new NewActiveDestinationHealth(result.Destination,
                inARow >= settings.ActiveHealthFailures ? DestinationHealth.Unhealthy : result.Destination.Health.Active));
        }
        health.SetActive(cluster, updates);
        if (anyPassed && breakers.All.TryGetValue(cluster.ClusterId, out var breaker))
        {
            breaker.ProbePassed();
        }
    }
}
