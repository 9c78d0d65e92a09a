namespace RomApi.Tests.Infrastructure;

/// <summary>
/// The browser the dashboard and /docs tests drive: Chromium found on PATH (or at <c>ROMAPI_CHROMIUM</c>), else Debian's
/// package installed with apt-get, once per test run, when this user may (root, or password-less sudo). The README's test
/// command then passes on a machine that has only the README's prerequisites, as <c>.ci/run</c>'s does.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "ROMAPI_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser"];
    private static readonly string[] InstalledAt = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly Lazy<Task<string>> Found = new(FindOrInstallAsync);

    /// <summary>The browser's path; installs it first when it is missing.</summary>
    public static Task<string> PathAsync() => Found.Value;

    private static async Task<string> FindOrInstallAsync()
    {
        if (Find() is { } found)
        {
            return found;
        }
        var log = await InstallAsync();
        return InstalledAt.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"Chromium is needed by the browser tests and could not be installed. Install it (apt-get install -y chromium) or set " +
            $"{PathVariable} to a Chromium binary.\n{log}");
    }

    /// <summary><c>ROMAPI_CHROMIUM</c>, else the first Chromium on PATH.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{PathVariable}={configured}: no such file.");
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => Names.Select(name => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>apt-get install chromium (after apt-get update when the package lists do not know it yet); the output.</summary>
    private static async Task<string> InstallAsync()
    {
        var root = Environment.UserName == "root";
        if (!root && !await SucceedsAsync("sudo", ["-n", "true"]))
        {
            return "Not root, and sudo asks for a password: the tests do not install packages then.";
        }
        string[] install = ["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q", "--no-install-recommends", "chromium"];
        string[] update = ["apt-get", "-o", "DPkg::Lock::Timeout=600", "update", "-q"];
        var output = await RunAsync(root, install);
        if (!InstalledAt.Any(File.Exists))
        {
            output += await RunAsync(root, update) + await RunAsync(root, install);
        }
        return output;
    }

    private static async Task<string> RunAsync(bool root, string[] command)
    {
        var info = root ? new ProcessStartInfo(command[0]) : new ProcessStartInfo("sudo") { ArgumentList = { "-n" } };
        foreach (var argument in root ? command[1..] : command)
        {
            info.ArgumentList.Add(argument);
        }
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(InstallTimeout);
            await process.WaitForExitAsync(timeout.Token);
            return $"$ {string.Join(' ', command)} (exit {process.ExitCode})\n{await stdout}{await stderr}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"$ {string.Join(' ', command)}: {exception.Message}\n";
        }
    }

    private static async Task<bool> SucceedsAsync(string file, string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
