namespace RomApi.Storage.Postgres;

/// <summary>Whether the migrations of <typeparamref name="TContext"/> have been applied in this process.</summary>
public sealed class MigrationState<TContext> where TContext : DbContext
{
    private readonly TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsApplied => _applied.Task.IsCompleted;

    /// <summary>Completes when the migrations are in: a seeder that waits on it starts at once, not at its next poll (a
    /// service's readiness waits for its seeding, and a start for the last service to be ready).</summary>
    public Task WhenAppliedAsync(CancellationToken cancellationToken) => _applied.Task.WaitAsync(cancellationToken);

    public void MarkApplied() => _applied.TrySetResult();
}
