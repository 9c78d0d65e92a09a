using RomApi.Gateway.Proxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace RomApi.Tests.Gateway;

/// <summary>The gateway's active health policy on its own: which replicas go out of rotation after which probes.</summary>
public sealed class ProbeHealthPolicyTests
{
    /// <summary>Records what the policy decides (YARP's own updater needs a running proxy).</summary>
    private sealed class RecordingUpdater : IDestinationHealthUpdater
    {
        public Dictionary<string, DestinationHealth> Active { get; } = [];

        public void SetActive(ClusterState cluster, IEnumerable<NewActiveDestinationHealth> newHealthStates)
        {
            foreach (var state in newHealthStates)
            {
                Active[state.Destination.DestinationId] = state.NewActiveHealth;
                state.Destination.Health.Active = state.NewActiveHealth;
            }
        }

        public void SetPassive(ClusterState cluster, DestinationState destination, DestinationHealth newHealth, TimeSpan reactivationPeriod) =>
            destination.Health.Passive = newHealth;
    }

    private static readonly IOptions<ProxyOptions> Options = Microsoft.Extensions.Options.Options.Create(new ProxyOptions { ActiveHealthFailures = 2 });

    private static (ProbeHealthPolicy Policy, RecordingUpdater Updater) NewPolicy()
    {
        var updater = new RecordingUpdater();
        return (new ProbeHealthPolicy(updater, new CircuitBreakerPerService(Options, TimeProvider.System), Options), updater);
    }

    private static DestinationProbingResult Probe(DestinationState replica, bool passes) => passes
        ? new DestinationProbingResult(replica, new HttpResponseMessage(HttpStatusCode.OK), null)
        : new DestinationProbingResult(replica, null, new HttpRequestException("Connection refused"));

    [Fact]
    public void A_replica_that_never_passed_stays_unknown_however_many_probes_it_fails_then_is_healthy_on_its_first_pass()
    {
        var (policy, updater) = NewPolicy();
        var cluster = new ClusterState("resourceservice");
        var starting = new DestinationState("resourceservice/0");

        for (var probe = 0; probe < 5; probe++)
        {
            policy.ProbingCompleted(cluster, [Probe(starting, passes: false)]);
        }
        Assert.Equal(DestinationHealth.Unknown, updater.Active["resourceservice/0"]);

        policy.ProbingCompleted(cluster, [Probe(starting, passes: true)]);
        Assert.Equal(DestinationHealth.Healthy, updater.Active["resourceservice/0"]);
    }

    [Fact]
    public void A_replica_that_passed_once_goes_out_of_rotation_after_two_failed_probes_in_a_row_and_back_on_one_pass()
    {
        var (policy, updater) = NewPolicy();
        var cluster = new ClusterState("resourceservice");
        var replica = new DestinationState("resourceservice/1");
        policy.ProbingCompleted(cluster, [Probe(replica, passes: true)]);

        policy.ProbingCompleted(cluster, [Probe(replica, passes: false)]);
        Assert.Equal(DestinationHealth.Healthy, updater.Active["resourceservice/1"]);
        policy.ProbingCompleted(cluster, [Probe(replica, passes: false)]);
        Assert.Equal(DestinationHealth.Unhealthy, updater.Active["resourceservice/1"]);

        policy.ProbingCompleted(cluster, [Probe(replica, passes: true)]);
        Assert.Equal(DestinationHealth.Healthy, updater.Active["resourceservice/1"]);
    }
}
