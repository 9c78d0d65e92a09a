namespace RomApi.Gateway.Proxy;

/// <summary>
/// The passive health policy: <see cref="ProxyOptions.PassiveHealthFailures"/> failed forwards in a row take a replica out for
/// <see cref="ProxyOptions.PassiveReactivationPeriod"/> (or until a probe passes, <see cref="ProbeHealthPolicy"/>). Unlike YARP's
/// TransportFailureRate policy, which counts every forwarder error, what a client caused (a cancelled request, a body it broke
/// off or that the service would not take) is not counted: otherwise a handful of hostile requests eject a healthy replica.
/// </summary>
public sealed class ServiceFailurePolicy(IDestinationHealthUpdater health, IOptions<ProxyOptions> options) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "ServiceFailures";
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failuresInARow = [];

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (CircuitBreakerPerService.IsNeutral(context))
        {
            return;
        }
        var failures = _failuresInARow.GetValue(destination, _ => new StrongBox<int>());
        if (context.GetForwarderErrorFeature() is null)
        {
            Interlocked.Exchange(ref failures.Value, 0);
            return;
        }
        if (Interlocked.Increment(ref failures.Value) >= options.Value.PassiveHealthFailures)
        {
            Interlocked.Exchange(ref failures.Value, 0);
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, options.Value.PassiveReactivationPeriod);
        }
    }
}
