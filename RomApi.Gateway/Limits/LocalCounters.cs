namespace RomApi.Gateway.Limits;

/// <summary>
/// Per-replica counters with the same semantics as the Redis script, used while Redis is unreachable: each replica then limits on
/// its own (a fleet of N replicas lets through up to N times a limit), which beats refusing everyone or letting everyone through.
/// A window this replica has not counted yet starts from what Redis last said of it (<c>seed</c>), so a caller at their limit when
/// Redis went away stays at it.
/// </summary>
public sealed class LocalCounters(TimeProvider time)
{
    private readonly Dictionary<string, (long Count, DateTimeOffset Ends)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep;

    public CountResult Count(
        IReadOnlyList<Counter> counters, bool checkOnly = false, Func<Counter, (long Count, DateTimeOffset Ends)?>? seed = null)
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
                var (count, ends) = Current(counters[i], now, seed);
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
                var (count, ends) = Current(counters[i], now, seed);
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

    private (long Count, DateTimeOffset Ends) Current(
        Counter counter, DateTimeOffset now, Func<Counter, (long Count, DateTimeOffset Ends)?>? seed) =>
        _windows.TryGetValue(counter.Key, out var window) && window.Ends > now ? window
        : seed?.Invoke(counter) is { } known && known.Ends > now ? known
        : (0, now + counter.Window);

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
