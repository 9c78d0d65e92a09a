using Microsoft.Extensions.Logging;
using System.Diagnostics;

namespace RomApi.Hosting.Orchestration;

/// <summary>How to start one process.</summary>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory)
{
    /// <summary>Sends the stop request; the default is SIGTERM to the process.</summary>
    public Func<Process, bool>? SendStop { get; init; }
}

/// <summary>
/// Runs one replica: starts it in its own session (so a terminal's Ctrl+C reaches only the AppHost, which then stops children in
/// order), captures its output, restarts it with back-off when it dies, and stops it with SIGTERM then SIGKILL.
/// </summary>
internal sealed partial class ManagedProcess(
    ResourceState resource,
    int replicaIndex,
    ProcessSpec spec,
    bool restartOnExit,
    ProcessRegistry registry,
    TimeProvider time,
    ILogger logger,
    bool echoLogs)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(30);
    private const string SetSid = "/usr/bin/setsid";
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<Process> _firstStart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private Task _output = Task.CompletedTask;
    private Task? _supervisor;

    public Process? Current => _process;

    /// <summary>Starts the process; completes once the first start has happened (or failed).</summary>
    public Task<Process> StartAsync()
    {
        _supervisor = Task.Run(SuperviseAsync);
        return _firstStart.Task;
    }

    private async Task SuperviseAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        var first = true;
        while (!_stopping.IsCancellationRequested)
        {
            Process process;
            try
            {
                process = Launch();
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
            {
                var message = $"Could not start '{spec.FileName}': {exception.Message}";
                resource.Logs.Append(time.GetUtcNow(), Source, true, message);
                _firstStart.TrySetException(new DistributedApplicationException(message, exception));
                return;
            }

            var startedAt = time.GetUtcNow();
            if (!first)
            {
                resource.UpdateReplica(replicaIndex, r => r.Restarts++);
            }
            first = false;
            _firstStart.TrySetResult(process);

            await process.WaitForExitAsync(CancellationToken.None);
            // Its last lines (a crash's stack trace) are still in the pipes; a child that outlived it and holds them open is not waited for.
            try
            {
                await _output.WaitAsync(OutputDrainTimeout, time);
            }
            catch (TimeoutException)
            {
            }
            registry.Remove(process.Id);
            var exitCode = process.ExitCode;
            resource.UpdateReplica(replicaIndex, r =>
            {
                r.State = _stopping.IsCancellationRequested ? ResourceStateNames.Stopped : ResourceStateNames.Exited;
                r.Health = HealthStateNames.Unknown;
                r.ProcessId = null;
                r.LastExitCode = exitCode;
            });
            _process = null;
            process.Dispose();

            if (_stopping.IsCancellationRequested || !restartOnExit)
            {
                return;
            }

            LogExited(logger, Source, exitCode, backoff.TotalSeconds);
            resource.Logs.Append(time.GetUtcNow(), Source, true, $"[apphost] process exited with code {exitCode}; restarting in {backoff.TotalSeconds:0} s");
            if (time.GetUtcNow() - startedAt > StableUptime)
            {
                backoff = TimeSpan.FromSeconds(1);
            }
            try
            {
                await Task.Delay(backoff, time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private string Source => resource.ReplicaCount > 1 ? $"{resource.Name}-{replicaIndex}" : resource.Name;

    private Process Launch()
    {
        var info = new ProcessStartInfo
        {
            FileName = File.Exists(SetSid) ? SetSid : spec.FileName,
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (File.Exists(SetSid))
        {
            info.ArgumentList.Add(spec.FileName);
        }
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Start();
        registry.Add(process.Id, Source);
        // On their own threads: a pipe read that completes at once would otherwise keep a chatty child's output loop on this one.
        _output = Task.WhenAll(
            Task.Run(() => OutputPump.RunAsync(process.StandardOutput.BaseStream, line => Capture(line, isError: false))),
            Task.Run(() => OutputPump.RunAsync(process.StandardError.BaseStream, line => Capture(line, isError: true))));
        _process = process;

        resource.UpdateReplica(replicaIndex, r =>
        {
            r.ProcessId = process.Id;
            r.State = ResourceStateNames.Running;
            r.Health = HealthStateNames.Unknown;
            r.StartedAt = time.GetUtcNow();
        });
        return process;
    }

    private void Capture(string line, bool isError)
    {
        resource.Logs.Append(time.GetUtcNow(), Source, isError, line);
        if (echoLogs)
        {
            Console.WriteLine($"[{Source}] {line}");
        }
    }

    /// <summary>Asks the process to stop, waits the grace period, then kills it. No restart follows.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        var process = _process;
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    resource.UpdateReplica(replicaIndex, r => r.State = ResourceStateNames.Stopping);
                    var sent = spec.SendStop?.Invoke(process) ?? NativeProcess.Signal(process.Id, NativeProcess.SigTerm);
                    using var timeout = new CancellationTokenSource(sent ? grace : TimeSpan.Zero);
                    try
                    {
                        await process.WaitForExitAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        LogKilled(logger, Source, grace.TotalSeconds);
                        process.Kill(entireProcessTree: true);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // The process object was disposed by the supervisor: it has exited already.
            }
        }
        if (_supervisor is not null)
        {
            await _supervisor;
        }
    }

    /// <summary>Kills the process outright, as a crash would (used by tests and the dashboard's restart check).</summary>
    public void Crash()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} exited with code {ExitCode}; restarting in {Seconds} s")]
    private static partial void LogExited(ILogger logger, string source, int exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} did not stop within {Seconds} s; killed")]
    private static partial void LogKilled(ILogger logger, string source, double seconds);
}
