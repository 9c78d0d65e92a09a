using RomApi.Gateway.Identity;
using RomApi.Gateway.Limits;

namespace RomApi.Tests.Gateway;

/// <summary>The waits of login protection, and the limiter's fallback starting from what Redis last said.</summary>
public sealed class LoginDelaysTests
{
    private static readonly IdentityOptions Options = new()
    {
        FreeLoginFailures = 5,
        FirstLoginDelay = TimeSpan.FromSeconds(30),
        MaxLoginDelay = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public void An_address_waits_after_its_fifth_failure_then_twice_as_long_each_time_up_to_the_ceiling()
    {
        var waits = Enumerable.Range(1, 12).Select(failures => LoginDelays.After(failures, accountOverCeiling: false, Options).TotalSeconds);

        Assert.Equal([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900], waits);
    }

    [Fact]
    public void Once_the_account_is_over_its_ceiling_an_address_waits_from_its_first_failure()
    {
        var waits = Enumerable.Range(1, 4).Select(failures => LoginDelays.After(failures, accountOverCeiling: true, Options).TotalSeconds);

        Assert.Equal([30, 60, 120, 240], waits);
    }

    [Fact]
    public void Without_redis_a_window_starts_from_the_count_redis_last_answered_not_from_zero()
    {
        var now = DateTimeOffset.UtcNow;
        var counters = new LocalCounters(TimeProvider.System);
        var counter = new Counter("user", "rl:user:at-limit", Limit: 60, Window: TimeSpan.FromMinutes(1));

        var atLimit = counters.Count([counter], seed: _ => (60, now.AddSeconds(40)));
        var fresh = counters.Count([counter with { Key = "rl:user:unknown" }], seed: _ => null);

        Assert.Same(counter, atLimit.RejectedBy);
        Assert.Null(fresh.RejectedBy);
        Assert.Equal(1, fresh.Counts[0]);
    }
}
