using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RomApi.Contracts.Analytics;
using RomApi.Platform.Auth;
using ViewEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ViewMetadata>;

namespace RomApi.Platform.Analytics;

/// <summary>
/// Queues a VIEW event per read by id or slug; a bounded channel that drops when full (reported to <paramref name="dropped"/>,
/// a metric), so reads never wait. The resource service records the reads it answers, the gateway's response cache the ones it
/// answers for it: both build the event here, so a read answered by either is the same event. Reads by services are not views.
/// </summary>
public sealed class ViewRecorder(IOptions<ViewOptions> options, TimeProvider time, Action dropped)
    : AnalyticsEventQueue<ViewEvent>(options.Value.QueueCapacity, dropped)
{
    private const int MaxHeaderLength = 512;

    /// <summary>A read the resource service answers: the caller from the platform token, the client from X-Forwarded-For.</summary>
    public void Record(Guid resourceId, HttpContext context) =>
        Record(resourceId, context.GetPlatformIdentity(), context.Request.Headers, ForwardedClient(context));

    /// <summary>
    /// A read answered at the edge: <paramref name="clientAddress"/> is the TCP peer, the address the gateway's proxy writes
    /// into X-Forwarded-For (it sets the header, it does not append to a client's), which is what the service would record.
    /// </summary>
    public void Record(Guid resourceId, PlatformIdentity caller, IHeaderDictionary headers, string? clientAddress)
    {
        if (caller.IsService)
        {
            return;
        }
        Enqueue(new ViewEvent(
            Guid.CreateVersion7(),
            resourceId,
            EventTypes.View,
            caller.UserId,
            caller.ApiKeyId,
            Bounded(headers[HeaderNames.UserAgent].ToString()),
            clientAddress is null ? null : Bounded(clientAddress),
            Bounded(headers[HeaderNames.Referer].ToString()),
            null,
            time.GetUtcNow()));
    }

    // The gateway (YARP) writes the client's address into X-Forwarded-For; the first entry is the client.
    private static string? ForwardedClient(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Length > 0 ? first : context.Connection.RemoteIpAddress?.ToString();
    }

    private static string? Bounded(string value) =>
        value.Length == 0 ? null : value.Length <= MaxHeaderLength ? value : value[..MaxHeaderLength];
}
