namespace RomApi.Gateway.Limits;

/// <summary>
/// Per-replica counters with the same semantics as the Redis script, used while Redis is unreachable: each replica then limits on
/// its own (a fleet of N replicas lets through up to N times a limit), which beats refusing everyone or letting everyone through.
/// </summary>
public sealed class LocalCounters(TimeProvider time)
{
    private readonly Dictionary<string, (long Count, DateTimeOffset Ends)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep;

    public CountResult Count(IReadOnlyList<Counter> counters, bool checkOnly = false)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            var counts = new long[counters.Count];
            var resets = new TimeSpan[counters.Count];
            Counter? rejected = null;
            for (var i = 0; i < counters.Count; i++)
            {
                var (count, ends) = Current(counters[i], now);
                counts[i] = count;
                resets[i] = ends - now;
                if (rejected is null && count >= counters[i].Limit)
                {
                    rejected = counters[i];
                }
            }
            if (rejected is not null || checkOnly)
            {
                return new CountResult(rejected, counts, resets, Distributed: false);
            }
            for (var i = 0; i < counters.Count; i++)
            {
                var (count, ends) = Current(counters[i], now);
                _windows[counters[i].Key] = (count + 1, ends);
                counts[i] = count + 1;
                resets[i] = ends - now;
            }
            return new CountResult(null, counts, resets, Distributed: false);
        }
    }

    public void Reset(string key)
    {
        lock (_gate)
        {
            _windows.Remove(key);
        }
    }

    private (long Count, DateTimeOffset Ends) Current(Counter counter, DateTimeOffset now) =>
        _windows.TryGetValue(counter.Key, out var window) && window.Ends > now ? window : (0, now + counter.Window);

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now.AddSeconds(10);
        foreach (var key in _windows.Where(pair => pair.Value.Ends <= now).Select(pair => pair.Key).ToList())
        {
            _windows.Remove(key);
        }
    }
}
