using RomApi.Tests.Infrastructure;
using System.Net;

namespace RomApi.Tests.EndToEnd;

[Collection(SystemCollection.Name)]
public sealed class RestartTests(SystemFixture system)
{
    [Fact]
    public async Task A_killed_service_process_is_restarted_counted_and_serves_again_through_the_gateway()
    {
        var before = system.App.States["analyticsservice"].Snapshot().Replicas[0];
        Assert.NotNull(before.ProcessId);

        Processes.KillHard(before.ProcessId!.Value);

        var after = await Eventually.UntilAsync(
            () => Task.FromResult(system.App.States["analyticsservice"].Snapshot().Replicas[0]),
            replica => replica.Restarts == before.Restarts + 1 && replica.Health == "Healthy" && replica.ProcessId != before.ProcessId,
            TimeSpan.FromSeconds(60), "the analytics service to be restarted and healthy");

        Assert.False(Processes.IsAlive(before.ProcessId.Value));
        Assert.NotNull(after.ProcessId);
        using var client = system.CreateGatewayClient();
        var response = await Eventually.UntilAsync(
            () => client.GetAsync("/api/v1/analytics/top?eventType=VIEW"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the gateway to reach the restarted service");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Leave the system as found: the gateway's own health sees the service again.
        await Eventually.UntilAsync(() => client.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the gateway's health to recover");
    }
}
