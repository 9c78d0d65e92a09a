namespace RomApi.Tests.Infrastructure;

/// <summary>
/// Keeps one server of a test's own system (Redis, PostgreSQL) down until disposed: kills its process, and because the
/// AppHost restarts a dead server (after 1 s, then 2 s, 4 s, ...), kills each restarted process as soon as the resource's
/// state shows it. A restarted server lives a few milliseconds, so a client may still reach it in between: tests count
/// <see cref="Kills"/> as the number of outages they may have seen, not one.
/// </summary>
public sealed class ServerOutage : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly DistributedApplication _app;
    private readonly string _resourceId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keeper;
    private int _kills;

    private ServerOutage(DistributedApplication app, string resourceId)
    {
        _app = app;
        _resourceId = resourceId;
        KillCurrent();
        _keeper = Task.Run(KeepDownAsync);
    }

    /// <summary>How many server processes were killed: the most outages a client can have seen.</summary>
    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Kills <paramref name="resource"/>'s process now and keeps it down.</summary>
    public static async Task<ServerOutage> BeginAsync(DistributedApplication app, string resource)
    {
        var replica = (await app.ReplicasAsync(resource))[0];
        Assert.True(replica.ProcessId is not null, $"{resource} has no process to kill");
        return new ServerOutage(app, replica.ResourceId);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeper;
        _stop.Dispose();
    }

    private async Task KeepDownAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                KillCurrent();
            }
        }
        catch (OperationCanceledException)
        {
            // The outage is over.
        }
    }

    private void KillCurrent()
    {
        if (ResourceInspection.View(_app, _resourceId).ProcessId is not { } pid || !Processes.IsAlive(pid))
        {
            return;
        }
        if (FaultControl.KillWithDescendants(pid))
        {
            Interlocked.Increment(ref _kills);
        }
    }
}
