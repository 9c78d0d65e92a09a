namespace RomApi.SearchService.Indexing;

/// <summary>What /health, /metrics and /internal/reindex report about the indexer; written by the indexer only.</summary>
public sealed class IndexerState(TimeProvider time)
{
    private long _position;
    private long _head;
    private long _behindSinceTicks;

    public long Position => Interlocked.Read(ref _position);

    /// <summary>The newest sequence the feed or Redis has announced.</summary>
    public long Head => Math.Max(Interlocked.Read(ref _head), Position);

    public long EventsBehind => Head - Position;

    /// <summary>How long the index has been behind the feed (zero when caught up).</summary>
    public TimeSpan Lag
    {
        get
        {
            var since = Interlocked.Read(ref _behindSinceTicks);
            return EventsBehind > 0 && since > 0 ? time.GetUtcNow() - new DateTimeOffset(since, TimeSpan.Zero) : TimeSpan.Zero;
        }
    }

    public bool CaughtUpOnce { get; private set; }

    public string? LastError { get; set; }

    public RebuildStatus Rebuild { get; set; } = RebuildStatus.Idle;

    public void Announced(long sequence)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _head);
            if (sequence <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _head, sequence, current) != current);
        Interlocked.CompareExchange(ref _behindSinceTicks, time.GetUtcNow().UtcTicks, 0);
    }

    public void Applied(long position, bool caughtUp)
    {
        Interlocked.Exchange(ref _position, position);
        if (caughtUp)
        {
            Interlocked.Exchange(ref _head, Math.Max(Interlocked.Read(ref _head), position));
            Interlocked.Exchange(ref _behindSinceTicks, 0);
            CaughtUpOnce = true;
        }
        LastError = null;
    }
}

public sealed record RebuildStatus(bool Running, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, long? Documents, string? Error)
{
    public static readonly RebuildStatus Idle = new(false, null, null, null, null);
}
