using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RomApi.ResourceService.Telemetry;
using RomApi.ResourceService.Views;
using System.Diagnostics.Metrics;

namespace RomApi.Tests.Unit;

public sealed class ViewRecorderTests
{
    [Fact]
    public void Reads_beyond_the_queue_are_dropped_without_waiting_and_counted_as_dropped_views()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var metrics = new ResourceServiceMetrics(meterFactory, new ResourceCounts());
        var recorder = new ViewRecorder(Options.Create(new ViewOptions { QueueCapacity = 3 }), TimeProvider.System, metrics);
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == ResourceServiceMetrics.MeterName && instrument.Name == "romapi.views.dropped")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        var resource = Guid.NewGuid();

        for (var i = 0; i < 5; i++)
        {
            recorder.Record(resource, new DefaultHttpContext());
        }

        var queued = 0;
        while (recorder.Reader.TryRead(out var view))
        {
            Assert.Equal(resource, view.ResourceId);
            queued++;
        }
        Assert.Equal(3, queued);
        Assert.Equal(2, Interlocked.Read(ref dropped));
    }
}
