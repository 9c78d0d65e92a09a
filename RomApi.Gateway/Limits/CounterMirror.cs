namespace RomApi.Gateway.Limits;

/// <summary>
/// This replica's view of one Redis counter: the count Redis last answered, plus the hits counted here since (pending, then on
/// their way to Redis). Far from the limit a hit is counted here and sent in the background; near it (or before Redis has
/// answered once in the current window) the caller goes to Redis, so the shared limit stays exact where it matters.
/// The other replicas' hits since Redis last answered are not in the estimate: <see cref="Read"/> also gives how many there may
/// be, from how fast the shared count grew between answers beyond this replica's own hits, for the caller to keep that much
/// further from the limit. A view Redis has not refreshed for <c>maxViewAge</c> (this replica sent no hits of the counter
/// meanwhile) is not <see cref="CounterView.Recent"/>: the others may have used the limit up in the quiet spell, whatever
/// their rate was before it.
/// </summary>
public sealed class CounterMirror(TimeSpan window, TimeSpan syncInterval, TimeSpan maxViewAge)
{
    // The growth of the shared count is measured over at least this long: answers a millisecond apart say nothing of a rate.
    private static readonly TimeSpan RateSpan = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private long _known;
    private long _pending;
    private long _sending;
    private bool _answered;
    private DateTimeOffset _ends;
    private DateTimeOffset _answeredAt;
    private long _rateFrom;
    private long _own;
    private long _ownFrom;
    private DateTimeOffset _rateSince;
    private double _perSecond;

    public TimeSpan Window { get; } = window;

    /// <summary>Hits counted here and not yet handed to Redis.</summary>
    public long Pending
    {
        get { lock (_gate) { return _pending; } }
    }

    /// <summary>This replica's view of the counter at <paramref name="now"/>.</summary>
    public CounterView Read(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            var sinceAnswer = now - _answeredAt;
            var unseen = _answered ? (long)Math.Round(_perSecond * (sinceAnswer + syncInterval).TotalSeconds) : 0;
            return new CounterView(_known + _pending + _sending, _ends, _answered, _answered && sinceAnswer <= maxViewAge, unseen);
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

    /// <summary>
    /// Redis counted <paramref name="sent"/> hits (and this request, when <paramref name="countedThisRequest"/>) and answered the
    /// shared count and the time left in its window.
    /// </summary>
    public void Settle(long sent, long count, TimeSpan resetsIn, DateTimeOffset now, bool countedThisRequest = false)
    {
        lock (_gate)
        {
            _sending -= sent;
            _own += sent + (countedThisRequest ? 1 : 0);
            var ends = now + resetsIn;
            // Answers can overtake each other; within one window the count only grows.
            _known = _answered && Math.Abs((ends - _ends).TotalSeconds) < 1 ? Math.Max(_known, count) : count;
            _ends = ends;
            _answered = true;
            if (now > _answeredAt)
            {
                _answeredAt = now;
                MeasureRate(now);
            }
        }
    }

    private void MeasureRate(DateTimeOffset now)
    {
        if (_rateSince == default)
        {
            (_rateFrom, _ownFrom, _rateSince) = (_known, _own, now);
            return;
        }
        var elapsed = now - _rateSince;
        if (elapsed < RateSpan)
        {
            return;
        }
        // This replica's own hits are in the estimate already: only the others' can be unseen.
        _perSecond = Math.Max(0, _known - _rateFrom - (_own - _ownFrom)) / elapsed.TotalSeconds;
        (_rateFrom, _ownFrom, _rateSince) = (_known, _own, now);
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
        (_rateFrom, _own, _ownFrom, _rateSince, _perSecond) = (0, 0, 0, default, 0);
    }
}

/// <summary>
/// A replica's view of a shared counter: the best estimate of the count, when the window ends, whether Redis has answered in this
/// window, whether it answered recently enough to count on the view, and how many hits the other replicas may have counted that
/// this one has not seen (their last rate of growth of the shared count over the time since Redis last answered and one more sync
/// interval, for their own hits still waiting to be sent).
/// </summary>
public readonly record struct CounterView(long Estimate, DateTimeOffset Ends, bool Answered, bool Recent, long Unseen);
