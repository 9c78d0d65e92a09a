using Microsoft.AspNetCore.Http;
using RomApi.ResourceService.Telemetry;
using RomApi.Platform.Analytics;

namespace RomApi.Tests.ResourceService;

/// <summary>The resource service's view queue: reads never wait for it, and what it cannot hold is counted.</summary>
public sealed class ViewQueueTests
{
    private const int Capacity = 3;

    [Fact]
    public void Reads_beyond_the_view_queue_are_dropped_without_waiting_and_counted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ResourceServiceMetrics(services.GetRequiredService<IMeterFactory>(), new ResourceCounts());
        var recorder = new ViewRecorder(Options.Create(new ViewOptions { QueueCapacity = Capacity }), TimeProvider.System, metrics.ViewDropped);
        using var dropped = new CounterTotal(ResourceServiceMetrics.MeterName, "romapi.views.dropped");
        var resource = Guid.NewGuid();

        for (var i = 0; i < Capacity + 2; i++)
        {
            recorder.Record(resource, new DefaultHttpContext());
        }

        var queued = 0;
        while (recorder.Reader.TryRead(out var view))
        {
            Assert.Equal(resource, view.ResourceId);
            queued++;
        }
        Assert.Equal(Capacity, queued);
        Assert.Equal(2, dropped.Total);
    }
}
