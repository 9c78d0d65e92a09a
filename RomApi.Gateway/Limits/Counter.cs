namespace RomApi.Gateway.Limits;

/// <summary>
/// One counter to check and count: at most <paramref name="Limit"/> hits per window. The window starts with the first hit and
/// lasts <paramref name="Window"/> (a fixed window per caller, not aligned to the clock, so no burst at a shared minute boundary).
/// </summary>
public sealed record Counter(string Scope, string Key, long Limit, TimeSpan Window)
{
    /// <summary>The limit as the RateLimit-Limit header says it, formatted once for the counter's every request.</summary>
    public string LimitText { get; } = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
