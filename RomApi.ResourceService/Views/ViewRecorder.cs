using ViewEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ViewMetadata>;
using RomApi.Platform.Analytics;

namespace RomApi.ResourceService.Views;

/// <summary>
/// Queues a VIEW event per read by id or slug; a bounded channel that drops when full (counted in romapi.views.dropped), so reads
/// never wait. Reads by other services (analytics looking up an owner) are not views.
/// </summary>
public sealed class ViewRecorder(IOptions<ViewOptions> options, TimeProvider time, ResourceServiceMetrics metrics)
    : AnalyticsEventQueue<ViewEvent>(options.Value.QueueCapacity, metrics.ViewDropped)
{
    private const int MaxHeaderLength = 512;

    public void Record(Guid resourceId, HttpContext context)
    {
        var caller = context.GetPlatformIdentity();
        if (caller.IsService)
        {
            return;
        }
        var headers = context.Request.Headers;
        Enqueue(new ViewEvent(
            Guid.CreateVersion7(),
            resourceId,
            EventTypes.View,
            caller.UserId,
            caller.ApiKeyId,
            Bounded(headers[HeaderNames.UserAgent].ToString()),
            ClientAddress(context),
            Bounded(headers[HeaderNames.Referer].ToString()),
            null,
            time.GetUtcNow()));
    }

    // The gateway (YARP) appends the client's address to X-Forwarded-For; the first entry is the client.
    private static string? ClientAddress(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Length > 0 ? Bounded(first) : context.Connection.RemoteIpAddress?.ToString();
    }

    private static string? Bounded(string value) =>
        value.Length == 0 ? null : value.Length <= MaxHeaderLength ? value : value[..MaxHeaderLength];
}
