using RomApi.Hosting.Orchestration;

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

    /// <summary>SIGTERM: the process is asked to stop, as the orchestrator and Kubernetes ask it, and shuts down gracefully.</summary>
    public static void Terminate(int pid) => Assert.True(NativeProcess.Signal(pid, NativeProcess.SigTerm), $"SIGTERM to {pid} failed");

    /// <summary>
    /// Kills one replica of a resource and waits until the orchestrator has seen it exit. Refuses a resource that runs inside this
    /// process (Redis embedded as Garnet when redis-server is missing): killing it would kill the test run.
    /// </summary>
    public static async Task<int> KillReplicaAsync(DistributedApplication app, string resource, int replica)
    {
        var pid = app.States[resource].Snapshot().Replicas[replica].ProcessId;
        Assert.NotNull(pid);
        Assert.True(pid != Environment.ProcessId, $"{resource} runs inside the test process (is redis-server installed?); it cannot be killed on its own.");
        KillHard(pid.Value);
        await Eventually.UntilAsync(() => Task.FromResult(app.States[resource].Snapshot().Replicas[replica]),
            state => !IsAlive(pid.Value) && state.ProcessId is null, TimeSpan.FromSeconds(30), $"{resource} replica {replica} to be gone");
        return pid.Value;
    }
}
