using ViewEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ViewMetadata>;
using RomApi.Platform.Analytics;

namespace RomApi.ResourceService.Views;

/// <summary>Sends the VIEW events of reads by id or slug to analytics, alike reads folded (see <see cref="ViewFold"/> and <see cref="AnalyticsEventSender{TEvent}"/>).</summary>
public sealed class ViewEventSender(
    ViewRecorder recorder,
    IHttpClientFactory clients,
    PlatformTokenService tokens,
    IOptions<ViewOptions> options,
    TimeProvider time,
    ILogger<ViewEventSender> logger)
    : AnalyticsEventSender<ViewEvent>(recorder.Reader, new(options.Value.BatchSize, options.Value.FlushInterval),
        ServiceNames.ResourceService, EventTypes.View, clients, tokens, time, logger)
{
    protected override IReadOnlyList<ViewEvent> Prepare(List<ViewEvent> queued) => ViewFold.Fold(queued);
}
