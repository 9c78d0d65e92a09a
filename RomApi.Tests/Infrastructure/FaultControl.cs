namespace RomApi.Tests.Infrastructure;

/// <summary>Process faults the outage tests need beyond killing one process.</summary>
public static class FaultControl
{
    /// <summary>
    /// Kills <paramref name="pid"/> and every process below it at once (SIGKILL), as a machine failure would. A server started
    /// through a wrapper (PostgreSQL under runuser when the tests run as root) would otherwise outlive the kill of the wrapper
    /// and go on serving. Returns false when <paramref name="pid"/> was already gone.
    /// </summary>
    public static bool KillWithDescendants(int pid)
    {
        var tree = TreeOf(pid);
        var killedRoot = false;
        foreach (var member in tree)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(member).Kill();
                killedRoot |= member == pid;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // It exited between the look and the kill.
            }
        }
        return killedRoot;
    }

    /// <summary>
    /// Freezes <paramref name="pid"/> and every process below it (SIGSTOP) until the result is disposed (SIGCONT): its ports stay
    /// open and connections are accepted, but nothing answers, as with a server stalled on its disk or its host.
    /// </summary>
    public static IDisposable Freeze(int pid)
    {
        var tree = TreeOf(pid);
        Signal("-STOP", tree);
        return new Thaw(tree);
    }

    private sealed class Thaw(List<int> tree) : IDisposable
    {
        public void Dispose() => Signal("-CONT", tree);
    }

    private static void Signal(string signal, List<int> pids)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [signal, .. pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        kill.WaitForExit();
    }

    /// <summary><paramref name="pid"/> and its descendants, parents before children.</summary>
    private static List<int> TreeOf(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var candidate))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
                    parents[candidate] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The process ended while the list was read.
                }
            }
        }
        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(entry => entry.Value == tree[i]).Select(entry => entry.Key));
        }
        return tree;
    }
}
