using RomApi.Gateway.ApiKeys;

namespace RomApi.Tests.Gateway;

/// <summary>The API key cache's one-load-per-key rule on its own: who shares a load, who starts a new one, and what a failure or a wait's end does.</summary>
public sealed class SingleFlightTests
{
    private readonly SingleFlight<string, string> _flight = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource<string>> _loads = [];

    private Task<string> Load(string key)
    {
        var load = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loads.Add(load);
        return load.Task;
    }

    private Task<string> Run(string key = "rk_prefix") => _flight.RunAsync(key, Load, CancellationToken.None);

    /// <summary>The caller's is the newest of <paramref name="loads"/> loads, and it gets that load's <paramref name="answer"/>.</summary>
    private async Task AssertItsOwnLoadAnswers(Task<string> caller, int loads, string answer)
    {
        Assert.Equal(loads, _loads.Count);
        _loads[^1].SetResult(answer);
        Assert.Equal(answer, await caller);
    }

    [Fact]
    public async Task Callers_that_miss_one_key_while_its_load_runs_share_that_load_and_its_answer()
    {
        var waiting = Enumerable.Range(0, 32).Select(_ => Run()).ToArray();
        var other = Run("rk_other");

        Assert.Equal(2, _loads.Count);
        _loads[0].SetResult("entry");
        _loads[1].SetResult("other entry");

        Assert.All(await Task.WhenAll(waiting), answer => Assert.Equal("entry", answer));
        Assert.Equal("other entry", await other);
    }

    [Fact]
    public async Task A_caller_after_the_load_ended_starts_a_new_one()
    {
        var first = Run();
        _loads[0].SetResult("before");
        Assert.Equal("before", await first);

        await AssertItsOwnLoadAnswers(Run(), loads: 2, "after");
    }

    [Fact]
    public async Task A_failed_load_fails_every_caller_waiting_for_it_and_the_next_caller_tries_again()
    {
        var waiting = new[] { Run(), Run() };
        Assert.Single(_loads);
        _loads[0].SetException(new TimeoutException("database did not answer"));

        foreach (var caller in waiting)
        {
            var failure = await Assert.ThrowsAsync<TimeoutException>(() => caller);
            Assert.Equal("database did not answer", failure.Message);
        }
        await AssertItsOwnLoadAnswers(Run(), loads: 2, "entry");
    }

    [Fact]
    public async Task After_a_revocation_callers_start_a_new_load_while_those_before_it_get_the_old_one()
    {
        var beforeRevocation = Run();
        _flight.Forget("rk_prefix");
        var afterRevocation = Run();
        var alsoAfter = Run();

        Assert.Equal(2, _loads.Count);
        // The old load ends first: it must not take the newer load out of the running ones.
        _loads[0].SetResult("active");
        Assert.Equal("active", await beforeRevocation);
        var later = Run();
        Assert.Equal(2, _loads.Count);

        _loads[1].SetResult("revoked");
        Assert.Equal("revoked", await afterRevocation);
        Assert.Equal("revoked", await alsoAfter);
        Assert.Equal("revoked", await later);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_leaves_the_load_to_the_others()
    {
        using var abandoned = new CancellationTokenSource();
        var leaving = _flight.RunAsync("rk_prefix", Load, abandoned.Token);
        var staying = Run();

        Assert.Single(_loads);
        await abandoned.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.False(staying.IsCompleted);

        _loads[0].SetResult("entry");
        Assert.Equal("entry", await staying);
    }
}
