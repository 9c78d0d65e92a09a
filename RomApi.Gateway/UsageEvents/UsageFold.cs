using RomApi.Contracts.Analytics;
using ApiUsageEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ApiUsageMetadata>;

namespace RomApi.Gateway.UsageEvents;

/// <summary>
/// Folds the requests of one send window into events: requests alike in everything but their time and duration (same user, key,
/// user agent, client address, route, method, status and UTC minute) become one event with a count, the mean and the slowest
/// duration. Under load this turns thousands of requests a second into a handful of events, so usage reporting costs analytics and
/// its database next to nothing; per-day and per-key counts stay exact because a minute never straddles a day.
/// </summary>
public sealed class UsageFold
{
    private readonly Dictionary<Key, Tally> _tallies = [];

    public int Count => _tallies.Count;

    /// <summary>Counts the request; false (and nothing counted) when it would start a new event and the fold already holds <paramref name="capacity"/>.</summary>
    public bool TryAdd(in ApiRequestRecord request, int capacity)
    {
        var key = new Key(request.UserId, request.ApiKeyId, request.UserAgent, request.IpAddress, request.Route, request.Method, request.Status, EventMinute.Of(request.At));
        if (_tallies.TryGetValue(key, out var tally))
        {
            tally.Add(request);
            return true;
        }
        if (_tallies.Count >= capacity)
        {
            return false;
        }
        _tallies[key] = new Tally(request);
        return true;
    }

    /// <summary>Up to <paramref name="max"/> events (each with a new time-ordered id), removed from the fold.</summary>
    public List<ApiUsageEvent> Take(int max)
    {
        var taken = _tallies.Take(max).ToList();
        var events = new List<ApiUsageEvent>(taken.Count);
        foreach (var (key, tally) in taken)
        {
            _tallies.Remove(key);
            events.Add(new ApiUsageEvent(Guid.CreateVersion7(tally.First), null, EventTypes.ApiRequest, key.UserId, key.ApiKeyId, key.UserAgent, key.IpAddress, null,
                new ApiUsageMetadata(key.Route, key.Method, key.Status, Math.Round(tally.TotalMs / tally.Count, 2), Math.Round(tally.MaxMs, 2), tally.Count),
                tally.First));
        }
        return events;
    }

    private readonly record struct Key(
        Guid? UserId, Guid? ApiKeyId, string? UserAgent, string? IpAddress, string Route, string Method, int Status, DateTimeOffset Minute);

    private sealed class Tally(ApiRequestRecord first)
    {
        public DateTimeOffset First { get; private set; } = first.At;
        public long Count { get; private set; } = 1;
        public double TotalMs { get; private set; } = first.DurationMs;
        public double MaxMs { get; private set; } = first.DurationMs;

        public void Add(in ApiRequestRecord request)
        {
            Count++;
            TotalMs += request.DurationMs;
            MaxMs = Math.Max(MaxMs, request.DurationMs);
            if (request.At < First)
            {
                First = request.At;
            }
        }
    }
}
