using Microsoft.Extensions.Logging.Abstractions;
using RomApi.Hosting.Orchestration;
using RomApi.Tests.Infrastructure;
using System.Diagnostics;

namespace RomApi.Tests.Orchestration;

public sealed class ProcessRegistryTests
{
    [Fact]
    public async Task A_new_start_kills_the_children_a_killed_apphost_left_behind()
    {
        var data = new DataDirectory(Directory.CreateTempSubdirectory("romapi-registry").FullName);
        using var orphan = Process.Start("sleep", "300");
        new ProcessRegistry(data, NullLogger<ProcessRegistry>.Instance).Add(orphan.Id, "orphan");

        // A later AppHost reads the registry the earlier one left.
        await new ProcessRegistry(data, NullLogger<ProcessRegistry>.Instance).CleanUpLeftoversAsync(CancellationToken.None);

        await orphan.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.False(Processes.IsAlive(orphan.Id));
        Assert.False(File.Exists(data.For("run", "processes.json")));
    }

    [Fact]
    public async Task A_recorded_pid_now_used_by_another_process_is_left_alone()
    {
        var data = new DataDirectory(Directory.CreateTempSubdirectory("romapi-registry").FullName);
        using var unrelated = Process.Start("sleep", "300");
        Directory.CreateDirectory(data.For("run"));
        // Same pid, different start time: the pid was reused by a process that is not ours.
        await File.WriteAllTextAsync(data.For("run", "processes.json"), $"[{{\"Pid\":{unrelated.Id},\"StartTicks\":1,\"Resource\":\"x\"}}]");

        await new ProcessRegistry(data, NullLogger<ProcessRegistry>.Instance).CleanUpLeftoversAsync(CancellationToken.None);

        Assert.True(Processes.IsAlive(unrelated.Id));
        unrelated.Kill();
    }
}
