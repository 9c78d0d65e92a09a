using OpenTelemetry;
using OpenTelemetry.Trace;
using RomApi.ServiceDefaults.Telemetry;

namespace RomApi.Tests.ServiceDefaults;

public sealed class TelemetryShutdownTests
{
    /// <summary>Records what reaches it and whether it was shut down.</summary>
    private sealed class RecordingExporter : BaseExporter<Activity>
    {
        public List<string> Exported { get; } = [];
        public bool ShutDown { get; private set; }

        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                Exported.Add(activity.DisplayName);
            }
            return ExportResult.Success;
        }

        protected override bool OnShutdown(int timeoutMilliseconds)
        {
            ShutDown = true;
            return true;
        }
    }

    [Fact]
    public async Task Once_the_host_has_stopped_the_spans_left_are_sent_and_the_exporter_is_shut_down_before_disposal()
    {
        var exporter = new RecordingExporter();
        var source = $"romapi-test-{Guid.NewGuid():N}";
        var services = new ServiceCollection();
        services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource(source)
            .AddProcessor(new BatchActivityExportProcessor(exporter, scheduledDelayMilliseconds: 60_000)));
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();
        using (var activitySource = new ActivitySource(source))
        using (activitySource.StartActivity("last request before the stop"))
        {
        }
        Assert.Empty(exporter.Exported); // still in the batch: the next scheduled export is a minute away

        await new TelemetryShutdown(provider).StoppedAsync(CancellationToken.None);

        Assert.Equal(["last request before the stop"], exporter.Exported);
        Assert.True(exporter.ShutDown);
    }
}
