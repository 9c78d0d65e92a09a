using System.Threading.Channels;

namespace RomApi.AnalyticsService.EventWriting;

/// <summary>
/// The bounded in-memory queue between the ingestion endpoints and the writers. The bound is in events: one request's events
/// enter as one item, all or none, so they are also written in one transaction. Full or closed: the caller answers 503.
/// </summary>
public sealed class EventBuffer
{
    private readonly Channel<IReadOnlyList<PendingEvent>> _channel;
    private readonly int _capacity;
    private long _depth;

    public EventBuffer(IOptions<IngestionOptions> options)
    {
        _capacity = options.Value.BufferCapacity;
        // Each item holds at least one event, so the item bound never binds before the event bound.
        _channel = Channel.CreateBounded<IReadOnlyList<PendingEvent>>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Events accepted but not yet committed to the database.</summary>
    public long Depth => Interlocked.Read(ref _depth);

    public int Capacity => _capacity;

    public ChannelReader<IReadOnlyList<PendingEvent>> Reader => _channel.Reader;

    public bool TryEnqueue(IReadOnlyList<PendingEvent> events)
    {
        if (events.Count == 0)
        {
            return true;
        }
        if (Interlocked.Add(ref _depth, events.Count) > _capacity)
        {
            Interlocked.Add(ref _depth, -events.Count);
            return false;
        }
        if (!_channel.Writer.TryWrite(events))
        {
            Interlocked.Add(ref _depth, -events.Count);
            return false;
        }
        return true;
    }

    /// <summary>Called by a writer once the events are committed (or given up on, which is logged and counted).</summary>
    public void MarkDone(int events) => Interlocked.Add(ref _depth, -events);

    /// <summary>No more events: the writers drain what is left and stop.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
