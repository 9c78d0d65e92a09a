using ViewEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ViewMetadata>;
using RomApi.Contracts.Analytics;

namespace RomApi.Platform.Analytics;

/// <summary>
/// Folds the reads queued in one send pause: reads alike in everything but their time (same resource, user, key, user agent,
/// client address, referrer and UTC minute) become one VIEW event with metadata.count. A resource read thousands of times a second
/// then costs analytics a handful of rows, while per-hour stats stay exact (analytics adds the count; a minute never straddles an hour).
/// </summary>
public static class ViewFold
{
    public static List<ViewEvent> Fold(IEnumerable<ViewEvent> reads)
    {
        var tallies = new Dictionary<Key, (ViewEvent First, long Count)>();
        foreach (var read in reads)
        {
            var key = new Key(read.ResourceId, read.UserId, read.ApiKeyId, read.UserAgent, read.IpAddress, read.Referrer, EventMinute.Of(read.CreatedAt));
            tallies[key] = tallies.TryGetValue(key, out var tally)
                ? (read.CreatedAt < tally.First.CreatedAt ? read : tally.First, tally.Count + 1)
                : (read, 1);
        }
        return tallies.Values
            .Select(t => t.Count == 1 ? t.First : t.First with { Metadata = new ViewMetadata(t.Count) })
            .ToList();
    }

    private readonly record struct Key(
        Guid? ResourceId, Guid? UserId, Guid? ApiKeyId, string? UserAgent, string? IpAddress, string? Referrer, DateTimeOffset Minute);
}
