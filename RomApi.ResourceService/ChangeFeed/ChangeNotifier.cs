using RomApi.ResourceService.Caching;

namespace RomApi.ResourceService.ChangeFeed;

/// <summary>Announces new change-feed events on the Redis channel "romapi:changes" (a wake-up only; the feed is the truth).</summary>
public sealed class ChangeNotifier(CacheConnection connection)
{
    public const string Channel = "romapi:changes";

    public Task AnnounceAsync(long lastSequence) => connection.PublishAsync(Channel, lastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
