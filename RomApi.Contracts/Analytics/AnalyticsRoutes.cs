namespace RomApi.Contracts.Analytics;

/// <summary>The analytics service's public routes: the prefix the gateway forwards to it, under which it maps them all.</summary>
public static class AnalyticsRoutes
{
    public const string Prefix = "/api/v1/analytics";

    /// <summary>Client events (VIEW, CLICK, CONTACT, SHARE); the one public write that anonymous callers may make.</summary>
    public const string Events = Prefix + "/events";
}
