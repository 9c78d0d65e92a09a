using Microsoft.EntityFrameworkCore;
using RomApi.Storage.Postgres;

namespace RomApi.Tests.ServiceDefaults;

public sealed class MigrationStateTests
{
    private sealed class SomeContext : DbContext;

    [Fact]
    public async Task A_waiter_continues_when_the_migrations_are_marked_applied_and_not_before()
    {
        var state = new MigrationState<SomeContext>();
        var waiting = state.WhenAppliedAsync(CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        Assert.False(state.IsApplied);

        state.MarkApplied();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(state.IsApplied);
        Assert.True(state.WhenAppliedAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_waiter_stops_waiting_when_its_service_stops()
    {
        var state = new MigrationState<SomeContext>();
        using var stopping = new CancellationTokenSource();
        var waiting = state.WhenAppliedAsync(stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(state.IsApplied);
    }
}
