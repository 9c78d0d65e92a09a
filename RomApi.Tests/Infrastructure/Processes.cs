namespace RomApi.Tests.Infrastructure;

public static class Processes
{
    /// <summary>True while the pid names a live (non-zombie) process.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static void KillHard(int pid) => System.Diagnostics.Process.GetProcessById(pid).Kill();

    /// <summary>SIGTERM: the process is asked to stop, as DCP and Kubernetes ask it, and shuts down gracefully.</summary>
    public static void Terminate(int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"SIGTERM to {pid} failed");
    }

    /// <summary>The service process of one replica: run mode starts a project from its build output, so Aspire's pid is it.</summary>
    public static async Task<int> ServiceProcessOfAsync(DistributedApplication app, string resource, int replica)
    {
        var pid = (await app.ReplicasAsync(resource))[replica].ProcessId;
        Assert.True(pid is not null, $"{resource} replica {replica} has no process");
        return pid.Value;
    }

    /// <summary>Kills one replica's service process outright, as a crash would, and waits until Aspire has seen it exit.</summary>
    public static async Task<int> KillReplicaAsync(DistributedApplication app, string resource, int replica)
    {
        var id = (await app.ReplicasAsync(resource))[replica].ResourceId;
        var pid = await ServiceProcessOfAsync(app, resource, replica);
        KillHard(pid);
        await Eventually.UntilAsync(() => Task.FromResult(ResourceInspection.View(app, id)),
            state => !IsAlive(pid) && state.State != Aspire.Hosting.ApplicationModel.KnownResourceStates.Running,
            TimeSpan.FromSeconds(30), $"{resource} replica {replica} to be gone");
        return pid;
    }
}
