namespace RomApi.Tests.AnalyticsService;

/// <summary>An analytics test on the shared system, with the kit that makes its callers, resources and events.</summary>
public abstract class AnalyticsTest(SystemFixture system) : SystemTest(system)
{
    protected AnalyticsTestKit Kit { get; } = new(system);
}

/// <summary>An analytics test on the durability system (small buffer, held batches); its classes run one after another.</summary>
[Collection(DurabilityCollection.Name)]
public abstract class DurabilityTest(DurabilityFixture system) : AnalyticsTest(system);
