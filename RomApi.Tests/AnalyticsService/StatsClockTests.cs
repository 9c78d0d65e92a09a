using RomApi.AnalyticsService.Stats;

namespace RomApi.Tests.AnalyticsService;

/// <summary>
/// The stats endpoint's default window comes from its <see cref="TimeProvider"/>: here a clock set by hand just after midnight
/// at a month's end, moved across hour and day boundaries, with buckets filled as the endpoint fills them.
/// </summary>
public sealed class StatsClockTests
{
    private static readonly DateTimeOffset HalfPastMidnight = new(2026, 3, 1, 0, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_hourly_window_follows_the_clock_across_midnight_with_empty_hours_zero_filled()
    {
        var clock = new FakeTimeProvider(HalfPastMidnight);
        var rows = new[] { new StatsRow(At(2, 28, 22), "VIEW", 2), new StatsRow(At(3, 1, 0), "VIEW", 1), new StatsRow(At(3, 1, 1), "CLICK", 5) };

        var (from, to, views) = Views(clock, StatsInterval.Hour, rows);

        // The last 24 hours up to the end of the current hour: 01:00 yesterday to 01:00 today.
        Assert.Equal((At(2, 28, 1), At(3, 1, 1)), (from, to));
        Assert.Equal(24, views.Count);
        Assert.Equal([(At(2, 28, 22), 2L), (At(2, 28, 23), 0L), (At(3, 1, 0), 1L)], views[^3..]);
        Assert.All(views[..^3], bucket => Assert.Equal(0, bucket.Count));

        clock.Advance(TimeSpan.FromHours(1));
        var (laterFrom, laterTo, laterViews) = Views(clock, StatsInterval.Hour, rows);

        // An hour on, the window has moved by one bucket: midnight's count is one place earlier and 01:00 is new, without views.
        Assert.Equal((At(2, 28, 2), At(3, 1, 2)), (laterFrom, laterTo));
        Assert.Equal([(At(2, 28, 22), 2L), (At(2, 28, 23), 0L), (At(3, 1, 0), 1L), (At(3, 1, 1), 0L)], laterViews[^4..]);
    }

    [Fact]
    public void The_default_daily_window_includes_today_and_moves_at_midnight_utc()
    {
        var clock = new FakeTimeProvider(HalfPastMidnight);
        var rows = new[] { new StatsRow(At(2, 28, 0), "VIEW", 3), new StatsRow(At(3, 1, 0), "VIEW", 1) };

        var (from, to, views) = Views(clock, StatsInterval.Day, rows);

        // 30 days up to the end of today: 31 January to 1 March, both included.
        Assert.Equal((At(1, 31, 0), At(3, 2, 0)), (from, to));
        Assert.Equal(30, views.Count);
        Assert.Equal([(At(2, 28, 0), 3L), (At(3, 1, 0), 1L)], views[^2..]);
        Assert.All(views[..^2], bucket => Assert.Equal(0, bucket.Count));

        // Still 1 March one millisecond before midnight; on 2 March, a new empty day ends the window.
        clock.Advance(At(3, 2, 0) - HalfPastMidnight - TimeSpan.FromMilliseconds(1));
        Assert.Equal(At(3, 2, 0), Views(clock, StatsInterval.Day, rows).To);
        clock.Advance(TimeSpan.FromHours(1));
        var (_, laterTo, laterViews) = Views(clock, StatsInterval.Day, rows);
        Assert.Equal(At(3, 3, 0), laterTo);
        Assert.Equal([(At(2, 28, 0), 3L), (At(3, 1, 0), 1L), (At(3, 2, 0), 0L)], laterViews[^3..]);
    }

    /// <summary>The window as the endpoint resolves it without from and to, and the VIEW count of each bucket.</summary>
    private static (DateTimeOffset From, DateTimeOffset To, List<(DateTimeOffset Start, long Count)> Views) Views(
        TimeProvider clock, StatsInterval interval, StatsRow[] rows)
    {
        var (from, to, error) = TimeRange.Resolve(null, null, interval, TimeRange.DefaultSpan(interval), clock.GetUtcNow());
        Assert.Null(error);
        var (buckets, _) = StatsBuckets.Fill(from, to, interval, rows.Where(r => r.BucketStart >= from && r.BucketStart < to).ToList());
        return (from, to, buckets.Select(b => (b.Start, b.Counts["VIEW"])).ToList());
    }

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);
}
