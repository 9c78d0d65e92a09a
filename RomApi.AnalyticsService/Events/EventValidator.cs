using System.Text;

namespace RomApi.AnalyticsService.Events;

/// <summary>Who sent the events: decides which fields are trusted and which event types are allowed.</summary>
public enum EventSource { Client, Service }

/// <summary>
/// Turns one sent event into the row to store, or into the reason it is refused. Pure: the caller supplies the clock and
/// the request context (user, key, user agent, network) that public events take from the request.
/// </summary>
public static class EventValidator
{
    public sealed record RequestContext(EventSource Source, Guid? UserId, Guid? ApiKeyId, string? UserAgent, NpgsqlTypes.NpgsqlInet? Network);

    public static (PendingEvent? Event, EventError? Error) Validate(
        int index, EventInput input, RequestContext context, DateTimeOffset now, IngestionOptions options)
    {
        var fromService = context.Source == EventSource.Service;
        if (CheckType(index, input, context.Source, out var eventType) is { } typeError)
        {
            return (null, typeError);
        }
        if (CheckIds(index, input) is { } idError)
        {
            return (null, idError);
        }
        // Only a service's clock is trusted: anyone can send any createdAt to the public endpoint, so its events take the server's.
        var createdAt = now;
        if (fromService && CheckCreatedAt(index, input, now, options, out createdAt) is { } timeError)
        {
            return (null, timeError);
        }
        if (CheckMetadata(index, input, fromService, options, out var metadata, out var count) is { } metadataError)
        {
            return (null, metadataError);
        }
        if (CheckReferrer(index, input.Referrer) is { } referrerError)
        {
            return (null, referrerError);
        }
        if (CheckNetwork(index, input, context, out var network) is { } networkError)
        {
            return (null, networkError);
        }
        var userId = fromService ? input.UserId : context.UserId;
        var apiKeyId = fromService ? input.ApiKeyId : context.ApiKeyId;
        var userAgent = CleanUserAgent(fromService ? input.UserAgent : context.UserAgent);
        var viewKey = eventType == EventTypes.View
            ? ViewKeys.For(input.ResourceId!.Value, userId, apiKeyId, network, userAgent, createdAt, options.ViewWindow)
            : null;
        return (new PendingEvent(
            input.Id ?? Guid.CreateVersion7(now),
            input.Id is not null,
            input.ResourceId,
            eventType!,
            userId,
            apiKeyId,
            userAgent,
            network,
            string.IsNullOrEmpty(input.Referrer) ? null : input.Referrer,
            metadata,
            createdAt,
            // A client's folded reads of one minute are one view (the key counts it once per window anyway).
            viewKey is null ? count : 1,
            viewKey), null);
    }

    /// <summary>A known type, one the sender may send, with the resource it needs.</summary>
    private static EventError? CheckType(int index, EventInput input, EventSource source, out string? eventType)
    {
        eventType = EventTypes.Parse(input.EventType);
        if (eventType is null)
        {
            return Fail(index, EventErrorCodes.Invalid, "eventType", "eventType must be one of VIEW, CLICK, CONTACT, SHARE, API_REQUEST, SEARCH.");
        }
        if (source == EventSource.Client && EventTypes.ServiceOnly.Contains(eventType))
        {
            return Fail(index, EventErrorCodes.EventTypeNotAllowed, "eventType", $"{eventType} events are recorded by the platform, not sent by clients.");
        }
        if (EventTypes.NeedsResource(eventType) && input.ResourceId is null)
        {
            return Fail(index, EventErrorCodes.Invalid, "resourceId", $"{eventType} events need a resourceId.");
        }
        return null;
    }

    private static EventError? CheckIds(int index, EventInput input) =>
        input.Id == Guid.Empty || input.ResourceId == Guid.Empty
            ? Fail(index, EventErrorCodes.Invalid, input.Id == Guid.Empty ? "id" : "resourceId", "The empty UUID is not an id.")
            : null;

    /// <summary>The event's time (now when not sent), within the allowed clock skew ahead and the maximum age behind.</summary>
    private static EventError? CheckCreatedAt(int index, EventInput input, DateTimeOffset now, IngestionOptions options, out DateTimeOffset createdAt)
    {
        createdAt = input.CreatedAt?.ToUniversalTime() ?? now;
        if (createdAt > now + options.MaxClockSkew)
        {
            return Fail(index, EventErrorCodes.TimestampInFuture, "createdAt",
                $"createdAt is in the future (more than {options.MaxClockSkew.TotalMinutes:0} minutes ahead of the server clock).");
        }
        if (createdAt < now - options.MaxEventAge)
        {
            return Fail(index, EventErrorCodes.TimestampTooOld, "createdAt", $"createdAt is more than {options.MaxEventAge.TotalDays:0} days in the past.");
        }
        return null;
    }

    /// <summary>An object, small enough, storable as jsonb; a service's <c>count</c> is how many alike events it folded.</summary>
    private static EventError? CheckMetadata(int index, EventInput input, bool fromService, IngestionOptions options, out string? metadata, out long count)
    {
        metadata = null;
        count = 1;
        if (input.Metadata is not { ValueKind: not JsonValueKind.Null } element)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail(index, EventErrorCodes.Invalid, "metadata", "metadata must be a JSON object.");
        }
        metadata = element.GetRawText();
        if (Encoding.UTF8.GetByteCount(metadata) > options.MaxMetadataBytes)
        {
            return Fail(index, EventErrorCodes.MetadataTooLarge, "metadata", $"metadata is larger than {options.MaxMetadataBytes} bytes.");
        }
        if (!StorableText.IsStorableJson(metadata))
        {
            return Fail(index, EventErrorCodes.Invalid, "metadata", "metadata must not contain NUL (\\u0000) or unpaired surrogate escapes.");
        }
        // A service folds alike events of one minute into one (API_REQUEST from the gateway, VIEW from the resource service);
        // a client's count is not trusted: its event stands for one.
        if (fromService && element.TryGetProperty("count", out var folded) &&
            !(folded.ValueKind == JsonValueKind.Number && folded.TryGetInt64(out count) && count >= 1))
        {
            return Fail(index, EventErrorCodes.Invalid, "metadata.count", "metadata.count must be a positive integer: the number of alike events the event stands for.");
        }
        return null;
    }

    private static EventError? CheckReferrer(int index, string? referrer) =>
        referrer is not null && (referrer.Length > EventLimits.ReferrerLength || !StorableText.IsStorable(referrer))
            ? Fail(index, EventErrorCodes.Invalid, "referrer", $"referrer must be at most {EventLimits.ReferrerLength} characters without NUL.")
            : null;

    /// <summary>The request's network, or for a service the address it names (the client it spoke for).</summary>
    private static EventError? CheckNetwork(int index, EventInput input, RequestContext context, out NpgsqlTypes.NpgsqlInet? network)
    {
        network = context.Network;
        if (context.Source != EventSource.Service || input.IpAddress is null)
        {
            return null;
        }
        network = ClientNetwork.Parse(input.IpAddress);
        return network is null ? Fail(index, EventErrorCodes.Invalid, "ipAddress", "ipAddress is not an IPv4 or IPv6 address.") : null;
    }

    /// <summary>User agents are informative only: cut to the column size, unstorable characters replaced, rather than refusing the event.</summary>
    private static string? CleanUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }
        var clean = StorableText.Clean(userAgent);
        return clean.Length <= EventLimits.UserAgentLength ? clean : clean[..EventLimits.UserAgentLength];
    }

    private static EventError Fail(int index, string code, string field, string message) => new(index, code, message, field);
}
