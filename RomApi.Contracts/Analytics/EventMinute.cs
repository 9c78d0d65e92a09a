namespace RomApi.Contracts.Analytics;

/// <summary>The UTC minute services fold alike events into (a minute never straddles an hour, so hourly stats stay exact).</summary>
public static class EventMinute
{
    public static DateTimeOffset Of(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
