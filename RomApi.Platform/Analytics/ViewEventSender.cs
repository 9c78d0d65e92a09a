using Microsoft.Extensions.Options;
using RomApi.Contracts.Analytics;
using RomApi.Platform.Auth;
using ViewEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ViewMetadata>;

namespace RomApi.Platform.Analytics;

/// <summary>Sends the VIEW events of reads by id or slug to analytics, alike reads folded (see <see cref="ViewFold"/> and <see cref="AnalyticsEventSender{TEvent}"/>).</summary>
public sealed class ViewEventSender(
    string serviceName,
    ViewRecorder recorder,
    IHttpClientFactory clients,
    PlatformTokenService tokens,
    IOptions<ViewOptions> options,
    TimeProvider time,
    ILogger<ViewEventSender> logger)
    : AnalyticsEventSender<ViewEvent>(recorder.Reader, new(options.Value.BatchSize, options.Value.FlushInterval),
        serviceName, EventTypes.View, clients, tokens, time, logger)
{
    protected override IReadOnlyList<ViewEvent> Prepare(List<ViewEvent> queued) => ViewFold.Fold(queued);
}
