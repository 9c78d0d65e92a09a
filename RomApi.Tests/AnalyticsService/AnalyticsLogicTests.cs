using RomApi.AnalyticsService.Events;
using RomApi.AnalyticsService.EventWriting;
using RomApi.AnalyticsService.Retention;
using RomApi.AnalyticsService.Stats;

namespace RomApi.Tests.AnalyticsService;

/// <summary>The analytics service's pure rules, without the system.</summary>
public sealed class AnalyticsLogicTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0", 24)]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0", 24)]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::", 48)]
    public void Addresses_are_truncated_to_their_network(string address, string network, int prefix)
    {
        var truncated = ClientNetwork.Truncate(IPAddress.Parse(address))!.Value;

        Assert.Equal(IPAddress.Parse(network), truncated.Address);
        Assert.Equal(prefix, truncated.Netmask);
    }

    [Theory]
    [InlineData("{\"a\":\"plain é 😀\"}", true)]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}", true)]
    [InlineData("{\"a\":\"\\\\u0000 is text\"}", true)]
    [InlineData("{\"a\":\"\\u0000\"}", false)]
    [InlineData("{\"a\":\"\\ud83d\"}", false)]
    [InlineData("{\"a\":\"\\ude00\"}", false)]
    public void Json_that_jsonb_would_refuse_is_recognised(string json, bool storable) =>
        Assert.Equal(storable, StorableText.IsStorableJson(json));

    [Fact]
    public void Text_with_nul_or_lone_surrogates_is_cleaned_or_refused()
    {
        Assert.False(StorableText.IsStorable("a\0b"));
        Assert.False(StorableText.IsStorable("a\ud83d"));
        Assert.True(StorableText.IsStorable("a😀"));
        Assert.Equal("a\uFFFDb\uFFFD😀", StorableText.Clean("a\0b\ud83d😀"));
    }

    [Fact]
    public void Bucket_edges_are_utc_hours_days_and_monday_weeks()
    {
        var sunday = new DateTimeOffset(2026, 3, 1, 23, 59, 59, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero), HourBuckets.Floor(sunday, StatsInterval.Hour));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), HourBuckets.Floor(sunday, StatsInterval.Day));
        Assert.Equal(new DateTimeOffset(2026, 2, 23, 0, 0, 0, TimeSpan.Zero), HourBuckets.Floor(sunday, StatsInterval.Week));
        // An offset time is read as the UTC instant it names.
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero),
            HourBuckets.Floor(new DateTimeOffset(2026, 3, 2, 0, 15, 0, TimeSpan.FromHours(2)), StatsInterval.Hour));
    }

    [Fact]
    public void Range_rounds_from_down_and_to_up_to_bucket_edges()
    {
        var (start, end, error) = TimeRange.Resolve("2026-02-27T10:15:00Z", "2026-02-28T10:15:00+01:00", StatsInterval.Day, TimeSpan.FromDays(30), Now);

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), end);
        Assert.NotNull(TimeRange.Resolve("2026-02-28T00:00:00Z", "2026-02-27T00:00:00Z", StatsInterval.Hour, TimeSpan.FromDays(1), Now).Error);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59.9999999Z", null, "to")]
    [InlineData("0001-01-01T00:00:00-05:00", null, "to")]
    [InlineData("9999-12-29", "week", "to")]
    [InlineData("1969-12-31T23:59:59Z", "hour", "to")]
    [InlineData("3000-01-01T00:00:00Z", "day", "to")]
    [InlineData("not a date", "day", "to")]
    public void Times_outside_1970_to_3000_are_refused_naming_the_parameter(string to, string? interval, string parameter)
    {
        var unit = TimeRange.ParseInterval(interval)!.Value;

        var error = TimeRange.Resolve(null, to, unit, TimeRange.DefaultSpan(unit), Now).Error;
        var fromError = TimeRange.Resolve(to, null, unit, TimeRange.DefaultSpan(unit), Now).Error;

        Assert.Equal(400, error?.StatusCode);
        Assert.Equal(400, fromError?.StatusCode);
        Assert.Equal(400, TimeRange.Parse(parameter, to).Error?.StatusCode);
        Assert.Equal(400, TimeRange.Parse("from", to).Error?.StatusCode);
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "week")]
    [InlineData("2999-12-31T23:59:59.9999999Z", "week")]
    [InlineData("2999-12-31T23:59:59Z", "hour")]
    public void The_ends_of_the_allowed_range_compute(string to, string interval)
    {
        var unit = TimeRange.ParseInterval(interval)!.Value;

        var (start, end, error) = TimeRange.Resolve(null, to, unit, TimeRange.DefaultSpan(unit), Now);

        Assert.Null(error);
        Assert.True(start < end);
    }

    [Fact]
    public void One_view_key_per_client_resource_and_hour()
    {
        var window = TimeSpan.FromHours(1);
        var resource = Guid.NewGuid();
        var network = ClientNetwork.Parse("203.0.113.77");
        var at = new DateTimeOffset(2026, 3, 1, 10, 5, 0, TimeSpan.Zero);
        Guid? Key(DateTimeOffset time, Guid? user = null, Guid? apiKey = null, NpgsqlTypes.NpgsqlInet? net = null, string? agent = "UA/1", Guid? about = null) =>
            ViewKeys.For(about ?? resource, user, apiKey, net ?? network, agent, time, window);

        Assert.Equal(Key(at), Key(at.AddMinutes(54)));                                  // same hour
        Assert.NotEqual(Key(at), Key(at.AddMinutes(55)));                               // 11:00 is the next window
        Assert.NotEqual(Key(at), Key(at, agent: "UA/2"));                               // another browser on the network
        Assert.NotEqual(Key(at), Key(at, net: ClientNetwork.Parse("198.51.100.1")));    // another network
        Assert.NotEqual(Key(at), Key(at, about: Guid.NewGuid()));                       // another resource
        var user = Guid.NewGuid();
        Assert.Equal(Key(at, user: user), Key(at, user: user, net: ClientNetwork.Parse("198.51.100.1"), agent: "UA/2")); // a user is one client anywhere
        var apiKey = Guid.NewGuid();
        Assert.NotEqual(Key(at, user: user, apiKey: apiKey), Key(at, user: user));      // an app's key is not its owner
        Assert.Null(ViewKeys.For(resource, null, null, null, null, at, window));        // no client named: counted as sent
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), ViewKeys.WindowStart(at, window));
    }

    [Fact]
    public void A_clients_createdAt_is_ignored_and_its_folded_view_counts_once()
    {
        var options = new IngestionOptions();
        var client = new EventValidator.RequestContext(EventSource.Client, null, null, "UA/1", ClientNetwork.Parse("203.0.113.77"));
        var service = new EventValidator.RequestContext(EventSource.Service, null, null, null, null);
        var input = new EventInput(null, Guid.NewGuid(), "VIEW", null, null, null, null, null, null, Now.AddDays(-20));
        var folded = System.Text.Json.JsonDocument.Parse("{\"count\": 50}").RootElement;

        var fromClient = EventValidator.Validate(0, input, client, Now, options).Event!;
        var fromService = EventValidator.Validate(0, input with { IpAddress = "203.0.113.77", Metadata = folded }, service, Now, options).Event!;
        var anonymousService = EventValidator.Validate(0, input with { Metadata = folded }, service, Now, options).Event!;

        Assert.Equal(Now, fromClient.CreatedAt);
        Assert.NotNull(fromClient.ViewKey);
        Assert.Equal(Now.AddDays(-20), fromService.CreatedAt);
        Assert.Equal(1, fromService.Count);
        Assert.NotNull(fromService.ViewKey);
        Assert.Null(anonymousService.ViewKey);
        Assert.Equal(50, anonymousService.Count);
    }

    [Fact]
    public void Empty_buckets_are_filled_with_zeros_and_totals_add_up()
    {
        var from = new DateTimeOffset(2026, 2, 28, 22, 0, 0, TimeSpan.Zero);
        var rows = new[] { new StatsRow(from, "VIEW", 2), new StatsRow(from.AddHours(2), "VIEW", 1), new StatsRow(from.AddHours(2), "CLICK", 4) };

        var (buckets, totals) = StatsBuckets.Fill(from, from.AddHours(3), StatsInterval.Hour, rows);

        Assert.Equal([2L, 0L, 1L], buckets.Select(b => b.Counts["VIEW"]));
        Assert.Equal([0L, 0L, 4L], buckets.Select(b => b.Counts["CLICK"]));
        Assert.Equal(0, totals["SHARE"]);
        Assert.Equal(3, totals["VIEW"]);
    }

    [Fact]
    public void Retention_drops_a_month_only_once_all_of_it_is_past_the_cutoff()
    {
        // 13 months before 2026-03-01 00:30 is 2025-02-01 00:30: January 2025 ended before it, February 2025 did not.
        Assert.True(RetentionPolicy.ShouldDrop(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), Now, 13));
        Assert.False(RetentionPolicy.ShouldDrop(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), Now, 13));
    }

    [Fact]
    public void Timestamps_are_checked_against_the_clock_with_skew_and_age_limits()
    {
        var options = new IngestionOptions();
        var context = new EventValidator.RequestContext(EventSource.Service, null, null, null, null);
        EventError? Check(DateTimeOffset createdAt) =>
            EventValidator.Validate(0, new EventInput(null, Guid.NewGuid(), "VIEW", null, null, null, null, null, null, createdAt), context, Now, options).Error;

        Assert.Null(Check(Now + options.MaxClockSkew));
        Assert.Equal(EventErrorCodes.TimestampInFuture, Check(Now + options.MaxClockSkew + TimeSpan.FromSeconds(1))?.Code);
        Assert.Null(Check(Now - options.MaxEventAge));
        Assert.Equal(EventErrorCodes.TimestampTooOld, Check(Now - options.MaxEventAge - TimeSpan.FromSeconds(1))?.Code);
    }

    [Theory]
    [InlineData("{\"count\":1}", null)]
    [InlineData("{\"count\":250000}", null)]
    [InlineData("{\"route\":\"r\"}", null)]
    [InlineData("{\"count\":0}", "metadata.count")]
    [InlineData("{\"count\":-3}", "metadata.count")]
    [InlineData("{\"count\":1.5}", "metadata.count")]
    [InlineData("{\"count\":\"7\"}", "metadata.count")]
    public void The_request_count_of_an_api_request_event_must_be_a_positive_integer(string metadata, string? refusedField)
    {
        var context = new EventValidator.RequestContext(EventSource.Service, null, null, null, null);
        var input = new EventInput(null, null, "API_REQUEST", Guid.NewGuid(), null, null, null, null, System.Text.Json.JsonDocument.Parse(metadata).RootElement, Now);

        var (stored, error) = EventValidator.Validate(0, input, context, Now, new IngestionOptions());

        Assert.Equal(refusedField, error?.Field);
        Assert.Equal(refusedField is null, stored is not null);
    }
}
