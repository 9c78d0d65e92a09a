namespace RomApi.ResourceService.ChangeFeed;

/// <summary>Announces new change-feed events on <see cref="ChangeFeedEndpoint.RedisChannel"/> (a wake-up only; the feed is the truth).</summary>
public sealed class ChangeNotifier(CacheConnection connection)
{
    public Task AnnounceAsync(long lastSequence) =>
        connection.PublishAsync(ChangeFeedEndpoint.RedisChannel, lastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
