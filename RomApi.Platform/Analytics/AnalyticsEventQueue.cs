using System.Threading.Channels;

namespace RomApi.Platform.Analytics;

/// <summary>
/// The bounded queue between a service's requests and its <see cref="AnalyticsEventSender{TEvent}"/>: a request never waits for
/// analytics, and an event the full queue cannot take is dropped and reported to <paramref name="dropped"/> (a metric).
/// </summary>
public abstract class AnalyticsEventQueue<TEvent>(int capacity, Action dropped)
{
    // Wait, not DropWrite: TryWrite never waits either way, but only in Wait mode does it say false when the queue is full.
    private readonly Channel<TEvent> _channel = Channel.CreateBounded<TEvent>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<TEvent> Reader => _channel.Reader;

    public void Enqueue(TEvent analyticsEvent)
    {
        if (!_channel.Writer.TryWrite(analyticsEvent))
        {
            dropped();
        }
    }
}
