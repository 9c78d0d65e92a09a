namespace RomApi.Contracts.Analytics;

/// <summary>The event types of the analytics ingestion contract, and who may send which.</summary>
public static class EventTypes
{
    public const string View = "VIEW";
    public const string Click = "CLICK";
    public const string Contact = "CONTACT";
    public const string Share = "SHARE";
    public const string ApiRequest = "API_REQUEST";
    public const string Search = "SEARCH";

    /// <summary>About one resource; clients may send these. Stats buckets always list them, zero or not.</summary>
    public static IReadOnlyList<string> ResourceEvents { get; } = [View, Click, Contact, Share];

    /// <summary>Only services send these (the gateway API_REQUEST, the search service SEARCH): clients cannot forge usage or search stats.</summary>
    public static IReadOnlyList<string> ServiceOnly { get; } = [ApiRequest, Search];

    public static string? Parse(string? value)
    {
        var upper = value?.Trim().ToUpperInvariant();
        return upper is not null && (ResourceEvents.Contains(upper) || ServiceOnly.Contains(upper)) ? upper : null;
    }

    public static bool NeedsResource(string eventType) => ResourceEvents.Contains(eventType);
}
