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
}
