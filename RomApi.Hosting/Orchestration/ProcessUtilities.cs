using System.Diagnostics;
using System.Text;

namespace RomApi.Hosting.Orchestration;

internal static class ProcessUtilities
{
    /// <summary>Runs a short command to its end and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info) ?? throw new DistributedApplicationException($"Could not start {spec.FileName}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    public static async Task RunCheckedAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunToEndAsync(spec, cancellationToken);
        if (exitCode != 0)
        {
            throw new DistributedApplicationException($"'{spec.FileName} {string.Join(' ', spec.Arguments)}' failed (exit code {exitCode}): {LastLines(output, 3)}");
        }
    }

    public static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
