namespace RomApi.Tests.Infrastructure;

/// <summary>
/// Keeps one server of a test's own system (Redis, PostgreSQL) down until disposed: kills its process, and because the
/// orchestrator restarts a dead server (after 1 s, then 2 s, 4 s, ...), kills each restarted process as soon as the resource's
/// state shows it. A restarted server lives a few milliseconds, so a client may still reach it in between: tests count
/// <see cref="Kills"/> as the number of outages they may have seen, not one.
/// </summary>
public sealed class ServerOutage : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly DistributedApplication _app;
    private readonly string _resource;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keeper;
    private int _kills;

    private ServerOutage(DistributedApplication app, string resource)
    {
        _app = app;
        _resource = resource;
        KillCurrent();
        _keeper = Task.Run(KeepDownAsync);
    }

    /// <summary>How many server processes were killed: the most outages a client can have seen.</summary>
    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Kills <paramref name="resource"/>'s process now and keeps it down.</summary>
    public static ServerOutage Begin(DistributedApplication app, string resource)
    {
        var pid = app.States[resource].Snapshot().Replicas[0].ProcessId;
        Assert.True(pid is not null, $"{resource} has no process to kill");
        // An embedded server (Garnet when redis-server is missing) runs inside this very process.
        Assert.True(pid != Environment.ProcessId, $"{resource} runs inside the test process; it cannot be killed on its own");
        return new ServerOutage(app, resource);
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
        if (_app.States[_resource].Snapshot().Replicas[0].ProcessId is not { } pid || !Processes.IsAlive(pid))
        {
            return;
        }
        if (FaultControl.KillWithDescendants(pid))
        {
            Interlocked.Increment(ref _kills);
        }
    }
}
