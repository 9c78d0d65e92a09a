namespace RomApi.Tests.AnalyticsService;

public sealed class ShutdownFlushTests(DurabilityFixture system) : DurabilityTest(system)
{
    [Fact]
    public async Task Events_still_buffered_when_the_service_is_stopped_are_written_before_it_exits()
    {
        var resource = Guid.NewGuid();
        var ids = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToArray();
        var first = await Kit.PostInternalAsync(new { events = ids[..4].Select(id => new { id, resourceId = resource, eventType = "VIEW" }) });
        var second = await Kit.PostInternalAsync(new { events = ids[4..].Select(id => new { id, resourceId = resource, eventType = "CLICK" }) });
        Assert.Equal(4, first["accepted"]!.GetValue<int>());
        Assert.Equal(3, second["accepted"]!.GetValue<int>());
        // 7 of a 10-event batch: the writer holds them (for 10 minutes), so nothing is in the database before the stop.
        Assert.Equal(0, await Kit.StoredEventCountAsync(resource));
        var before = await Processes.ServiceProcessOfAsync(Fixture.App, "analyticsservice", 0);

        Processes.Terminate(before);
        await Eventually.UntilAsync(() => Task.FromResult(Processes.IsAlive(before)), alive => !alive,
            TimeSpan.FromSeconds(60), "the analytics service to exit");

        var stored = await Kit.QueryAnalyticsDbAsync<Guid[]>("SELECT coalesce(array_agg(id), '{}') FROM analytics_events WHERE resource_id = @r", ("r", resource));
        Assert.Equal(ids.Order(), stored!.Order());
        // The rollup was written in the same transaction.
        Assert.Equal(7, await Kit.QueryAnalyticsDbAsync<long>(
            "SELECT coalesce(sum(count), 0)::bigint FROM analytics_hourly_rollups WHERE resource_id = @r", ("r", resource)));

        // Leave the system as found: the AppHost starts the service again.
        await Eventually.UntilAsync(async () => (await Fixture.App.ReplicasAsync("analyticsservice"))[0],
            replica => replica.ProcessId is { } pid && pid != before && replica.Health == "Healthy",
            TimeSpan.FromSeconds(90), "the analytics service to be back");
    }
}
