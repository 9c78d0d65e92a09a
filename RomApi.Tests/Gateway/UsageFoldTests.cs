using RomApi.Gateway.UsageEvents;

namespace RomApi.Tests.Gateway;

public sealed class UsageFoldTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 23, 23, 59, 0, TimeSpan.Zero);
    private static readonly Guid User = Guid.NewGuid();
    private static readonly Guid Key = Guid.NewGuid();

    private static ApiRequestRecord Request(double seconds, int status = 200, Guid? apiKey = null, double durationMs = 10) =>
        new(User, apiKey ?? Key, "wrk", "127.0.0.1", "resources", "GET", status, durationMs, Minute.AddSeconds(seconds));

    [Fact]
    public void Alike_requests_of_one_minute_become_one_event_with_their_count_mean_and_slowest_duration()
    {
        var fold = new UsageFold();
        Assert.True(fold.TryAdd(Request(30, durationMs: 4), 100));
        Assert.True(fold.TryAdd(Request(10, durationMs: 20), 100));
        Assert.True(fold.TryAdd(Request(50, durationMs: 6), 100));

        var folded = Assert.Single(fold.Take(10));

        Assert.Equal(new ApiUsageMetadata("resources", "GET", 200, 10, 20, 3), folded.Metadata);
        Assert.Equal(Minute.AddSeconds(10), folded.CreatedAt);
        Assert.Equal((User, Key, "wrk", "127.0.0.1"), (folded.UserId!.Value, folded.ApiKeyId!.Value, folded.UserAgent, folded.IpAddress));
        Assert.Equal(0, fold.Count);
    }

    [Fact]
    public void Requests_apart_in_status_key_or_minute_stay_apart_so_day_and_key_counts_stay_exact()
    {
        var fold = new UsageFold();
        var otherKey = Guid.NewGuid();
        foreach (var request in new[] { Request(1), Request(2), Request(3, status: 429), Request(4, apiKey: otherKey), Request(61), Request(62) })
        {
            Assert.True(fold.TryAdd(request, 100));
        }

        var events = fold.Take(10);

        var lastDay = Minute.UtcDateTime.Date;
        var nextDay = lastDay.AddDays(1);
        var expected = new[] { (lastDay, 200, Key, 2L), (lastDay, 429, Key, 1L), (lastDay, 200, otherKey, 1L), (nextDay, 200, Key, 2L) };
        var actual = events.Select(e => (e.CreatedAt.UtcDateTime.Date, e.Metadata!.Status, e.ApiKeyId!.Value, e.Metadata!.Count));
        Assert.Equal(expected.Select(e => e.ToString()).Order(), actual.Select(e => e.ToString()).Order());
        Assert.Equal(4, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void A_full_fold_still_counts_alike_requests_but_refuses_new_events_and_take_leaves_the_rest()
    {
        var fold = new UsageFold();
        Assert.True(fold.TryAdd(Request(1), 2));
        Assert.True(fold.TryAdd(Request(2, status: 500), 2));
        Assert.False(fold.TryAdd(Request(3, status: 404), 2));
        Assert.True(fold.TryAdd(Request(4), 2));

        var first = fold.Take(1);
        var rest = fold.Take(5);

        Assert.Single(first);
        Assert.Single(rest);
        Assert.Equal(3, first.Concat(rest).Sum(e => e.Metadata!.Count));
        Assert.DoesNotContain(first.Concat(rest), e => e.Metadata!.Status == 404);
    }
}
