using Microsoft.Extensions.Logging;
using System.Text.Json;

namespace RomApi.Hosting.Orchestration;

/// <summary>
/// Every child the AppHost starts is written down (pid and start time) in the data folder, so that a start after the AppHost was
/// killed with SIGKILL can stop what the killed one left running.
/// </summary>
internal sealed partial class ProcessRegistry(DataDirectory data, ILogger<ProcessRegistry> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Entry> _entries = [];
    private string FilePath => data.For("run", "processes.json");

    public sealed record Entry(int Pid, long StartTicks, string Resource);

    public void Add(int pid, string resource)
    {
        if (NativeProcess.StartTicks(pid) is not { } ticks)
        {
            return;
        }
        lock (_gate)
        {
            _entries[pid] = new Entry(pid, ticks, resource);
            Save();
        }
    }

    public void Remove(int pid)
    {
        lock (_gate)
        {
            if (_entries.Remove(pid))
            {
                Save();
            }
        }
    }

    /// <summary>Kills what a previous AppHost run left behind and forgets it.</summary>
    public async Task CleanUpLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return;
        }
        var leftovers = JsonSerializer.Deserialize<List<Entry>>(await File.ReadAllTextAsync(FilePath, cancellationToken)) ?? [];
        var killed = leftovers.Where(e => NativeProcess.StartTicks(e.Pid) == e.StartTicks).ToList();
        foreach (var entry in killed)
        {
            LogKillingLeftover(logger, entry.Resource, entry.Pid);
            NativeProcess.Signal(entry.Pid, NativeProcess.SigKill);
        }
        // SIGKILL is delivered asynchronously: wait until they are gone, so that their ports are free for this start.
        for (var waited = 0; waited < 100 && killed.Any(e => NativeProcess.IsAlive(e.Pid)); waited++)
        {
            await Task.Delay(50, cancellationToken);
        }
        File.Delete(FilePath);
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_entries.Values.ToList()));
        File.Move(temporary, FilePath, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping {Resource} (pid {Pid}) left running by an earlier AppHost that did not shut down")]
    private static partial void LogKillingLeftover(ILogger logger, string resource, int pid);
}
