namespace RomApi.Gateway.Limits;

/// <summary>
/// This replica's view of one Redis counter: the count Redis last answered, plus the hits counted here since (pending, then on
/// their way to Redis). Far from the limit a hit is counted here and sent in the background; near it (or before Redis has
/// answered once in the current window) the caller goes to Redis, so the shared limit stays exact where it matters.
/// </summary>
public sealed class CounterMirror(TimeSpan window)
{
    private readonly Lock _gate = new();
    private long _known;
    private long _pending;
    private long _sending;
    private bool _answered;
    private DateTimeOffset _ends;

    public TimeSpan Window { get; } = window;

    /// <summary>Hits counted here and not yet handed to Redis.</summary>
    public long Pending
    {
        get { lock (_gate) { return _pending; } }
    }

    /// <summary>The best estimate of the shared count, when the window ends, and whether Redis has answered in this window.</summary>
    public (long Estimate, DateTimeOffset Ends, bool Answered) Read(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return (_known + _pending + _sending, _ends, _answered);
        }
    }

    /// <summary>Counts one hit here; returns the hits now waiting to be sent.</summary>
    public long Hit(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return ++_pending;
        }
    }

    /// <summary>Moves the pending hits to "sending" and returns how many; <see cref="Settle"/> or <see cref="Restore"/> follows.</summary>
    public long TakePending()
    {
        lock (_gate)
        {
            var delta = _pending;
            _pending = 0;
            _sending += delta;
            return delta;
        }
    }

    /// <summary>Redis counted <paramref name="sent"/> hits and answered the shared count and the time left in its window.</summary>
    public void Settle(long sent, long count, TimeSpan resetsIn, DateTimeOffset now)
    {
        lock (_gate)
        {
            _sending -= sent;
            var ends = now + resetsIn;
            // Answers can overtake each other; within one window the count only grows.
            _known = _answered && Math.Abs((ends - _ends).TotalSeconds) < 1 ? Math.Max(_known, count) : count;
            _ends = ends;
            _answered = true;
        }
    }

    /// <summary>Redis did not take the hits: they wait for the next synchronisation.</summary>
    public void Restore(long sent)
    {
        lock (_gate)
        {
            _sending -= sent;
            _pending += sent;
        }
    }

    /// <summary>True when nothing waits and the window ended a while ago: the mirror can be dropped.</summary>
    public bool IsIdle(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _pending == 0 && _sending == 0 && now >= _ends + Window;
        }
    }

    // The Redis key expired with the window: its hits are gone, and so are the ones not yet sent (they belonged to that window).
    private void Roll(DateTimeOffset now)
    {
        if (now < _ends)
        {
            return;
        }
        _known = 0;
        _pending = 0;
        _answered = false;
        _ends = now + Window;
    }
}
