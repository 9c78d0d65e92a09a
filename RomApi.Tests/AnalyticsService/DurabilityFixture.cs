namespace RomApi.Tests.AnalyticsService;

/// <summary>
/// A system of its own for the buffer, shutdown and retention tests. The analytics service has a 10-event buffer and one writer
/// that holds a batch of fewer than 10 events for 10 minutes, so accepted events stay buffered until the batch fills or the
/// service stops, whatever the machine's speed; partition maintenance (retention) runs every second. The gateway reports no API
/// usage, so only the tests' own events enter the buffer. Its test classes share one collection: they run one after another.
/// </summary>
public sealed class DurabilityFixture : SystemFixture
{
    public const int BufferCapacity = 10;

    protected override void Configure(IDistributedApplicationTestingBuilder appHost)
    {
        appHost.CreateResourceBuilder<ProjectResource>("analyticsservice")
            .WithEnvironment("Ingestion__BufferCapacity", BufferCapacity.ToString())
            .WithEnvironment("Ingestion__MaxWriteBatch", BufferCapacity.ToString())
            .WithEnvironment("Ingestion__Writers", "1")
            .WithEnvironment("Ingestion__MaxBatchDelay", "00:10:00")
            .WithEnvironment("Partitions__MaintenanceInterval", "00:00:01");
        appHost.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("Usage__Enabled", "false");
    }
}

[CollectionDefinition(Name)]
public sealed class DurabilityCollection : ICollectionFixture<DurabilityFixture>
{
    public const string Name = "analytics durability system";
}
