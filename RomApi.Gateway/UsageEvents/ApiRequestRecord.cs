namespace RomApi.Gateway.UsageEvents;

/// <summary>One proxied or gateway request of an authenticated caller, as the request path records it (cheap: no id, no JSON).</summary>
public readonly record struct ApiRequestRecord(
    Guid? UserId, Guid? ApiKeyId, string? UserAgent, string? IpAddress, string Route, string Method, int Status, double DurationMs,
    DateTimeOffset At);
