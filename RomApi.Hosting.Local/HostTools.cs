using System.Diagnostics;

namespace RomApi.Hosting.Local;

/// <summary>Finding and running the local programs run mode needs (PostgreSQL's, redis-server).</summary>
internal static class HostTools
{
    /// <summary>The program in a folder of <paramref name="path"/> (the AppHost's PATH, from its configuration so a test can narrow it).</summary>
    public static string? FindOnPath(string program, string? path) =>
        (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to its end and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // PostgreSQL's tools, run as the postgres user, must be able to enter their working directory.
            WorkingDirectory = "/tmp",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new DistributedApplicationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    public static async Task RunCheckedAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(program, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new DistributedApplicationException($"{program} failed (exit code {exitCode}): {output.Trim()}");
        }
    }
}
