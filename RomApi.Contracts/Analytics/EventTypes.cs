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

    /// <summary>Any event type of the contract, case-insensitively, as its UPPER_CASE name; null when it is none.</summary>
    public static string? Parse(string? value) =>
        Normalize(value) is { } upper && (ResourceEvents.Contains(upper) || ServiceOnly.Contains(upper)) ? upper : null;

    /// <summary>One of <see cref="ResourceEvents"/>, case-insensitively, as its UPPER_CASE name; null when it is none.</summary>
    public static string? ParseResourceEvent(string? value) => Normalize(value) is { } upper && ResourceEvents.Contains(upper) ? upper : null;

    private static string? Normalize(string? value) => value?.Trim().ToUpperInvariant();

    public static bool NeedsResource(string eventType) => ResourceEvents.Contains(eventType);
}
