namespace RomApi.Tests.WholeSystem.EndToEnd;

[Collection(SystemCollection.Name)]
public sealed class RestartTests(SystemFixture system)
{
    [Fact]
    public async Task A_killed_service_process_is_restarted_counted_and_serves_again_through_the_gateway()
    {
        var before = await Processes.ServiceProcessOfAsync(system.App, "analyticsservice", 0);

        Processes.KillHard(before);

        var after = await Eventually.UntilAsync(
            async () => (await system.App.ReplicasAsync("analyticsservice"))[0],
            replica => replica.Health == "Healthy" && replica.ProcessId is { } pid && pid != before,
            TimeSpan.FromSeconds(60), "the analytics service to be started again and healthy");

        Assert.False(Processes.IsAlive(before));
        Assert.True(Processes.IsAlive(after.ProcessId!.Value));
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
