using Microsoft.Extensions.Logging;
using Npgsql;
using RomApi.Hosting.ApplicationModel;
using System.Diagnostics;
using System.Globalization;

namespace RomApi.Hosting.Orchestration;

/// <summary>
/// A private PostgreSQL cluster in the data folder (the run-mode stand-in for the postgres container and its volume):
/// initdb on first start, then the postmaster on an assigned port, then the model's databases.
/// As root, PostgreSQL refuses to run, so initdb and the server run as the postgres user through runuser.
/// </summary>
internal sealed partial class PostgresRunner(
    PostgresServerResource resource,
    ResourceState state,
    RunContext context) : IInfrastructureRunner
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private ManagedProcess? _process;
    private string DataFolder => context.Data.For("postgres", resource.DataVolumeName ?? resource.Name);
    private static bool RunAsPostgresUser => Environment.IsPrivilegedProcess;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBinaries(context.Options.PostgresBinDirectory);
        var folder = DataFolder;
        state.Set(ResourceStateNames.Starting, endpoints: [$"tcp://127.0.0.1:{resource.AllocatedPort}"]);

        await StopLeftoverPostmasterAsync(folder, cancellationToken);
        await PrepareFolderAsync(bin, folder, cancellationToken);

        var arguments = new List<string>
        {
            "-D", folder,
            "-p", resource.AllocatedPort!.Value.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        };
        var spec = RunAs(Path.Combine(bin, "postgres"), arguments) with
        {
            SendStop = _ => SignalPostmaster(folder, NativeProcess.SigInt),
        };
        _process = context.CreateProcess(state, 0, spec, restartOnExit: true);
        await _process.StartAsync();

        await WaitUntilReadyAsync(cancellationToken);
        await CreateDatabasesAsync(cancellationToken);
        state.Set(ResourceStateNames.Running, HealthStateNames.Healthy);
        foreach (var database in resource.Databases)
        {
            context.States[database.Name].Set(ResourceStateNames.Running, HealthStateNames.Healthy);
        }
    }

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync(cancellationToken));
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }

    public Task StopAsync() => _process?.StopAsync(context.Options.StopGracePeriod) ?? Task.CompletedTask;

    internal static string FindBinaries(string? configured, string libraryRoot = "/usr/lib/postgresql", string? pathVariable = null)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(configured);
        }
        if (Directory.Exists(libraryRoot))
        {
            candidates.AddRange(Directory.GetDirectories(libraryRoot)
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }
        candidates.AddRange((pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
            ?? throw new DistributedApplicationException(
                "PostgreSQL server binaries were not found (looked for 'postgres' and 'initdb' in " +
                (string.IsNullOrEmpty(configured) ? "" : configured + ", ") + $"{libraryRoot}/*/bin and on PATH). " +
                "Install them with: apt-get install -y postgresql (or set AppHost__PostgresBinDirectory to the folder holding them).");
    }

    private async Task PrepareFolderAsync(string bin, string folder, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        if (File.Exists(Path.Combine(folder, "PG_VERSION")))
        {
            await CheckVersionAsync(bin, folder, cancellationToken);
            await ChownAsync(folder, cancellationToken);
            return;
        }
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw CorruptFolder(folder, "it is not empty but holds no PG_VERSION file, so it is not a PostgreSQL data folder");
        }

        Directory.CreateDirectory(folder);
        await ChownAsync(parent, cancellationToken);
        var passwordFile = Path.Combine(parent, $".initdb-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, await resource.Password.GetValueAsync(cancellationToken), cancellationToken);
        UnixFiles.MakePrivate(passwordFile);
        await ChownAsync(passwordFile, cancellationToken);
        try
        {
            state.Logs.Append(context.Time.GetUtcNow(), resource.Name, false, $"[apphost] initdb {folder}");
            var spec = RunAs(Path.Combine(bin, "initdb"),
                ["-D", folder, "-U", PostgresServerResource.UserName, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-locale"]);
            var (exitCode, output) = await ProcessUtilities.RunToEndAsync(spec, cancellationToken);
            if (exitCode != 0)
            {
                state.Logs.Append(context.Time.GetUtcNow(), resource.Name, true, output);
                throw new DistributedApplicationException($"initdb failed for '{folder}' (exit code {exitCode}): {ProcessUtilities.LastLines(output, 5)}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CheckVersionAsync(string bin, string folder, CancellationToken cancellationToken)
    {
        var dataVersion = (await File.ReadAllTextAsync(Path.Combine(folder, "PG_VERSION"), cancellationToken)).Trim();
        var binVersion = Path.GetFileName(Path.GetDirectoryName(bin));
        if (int.TryParse(binVersion, out _) && dataVersion != binVersion)
        {
            throw CorruptFolder(folder, $"it was made by PostgreSQL {dataVersion} but the server found is PostgreSQL {binVersion}");
        }
    }

    private static DistributedApplicationException CorruptFolder(string folder, string why) => new(
        $"The PostgreSQL data folder '{folder}' cannot be used: {why}{(why.EndsWith('\n') ? "" : ".")} " +
        "Move or delete that folder to start with an empty database, or set AppHost__DataDirectory to another folder.");

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + ReadyTimeout;
        while (!await ProbeAsync(cancellationToken))
        {
            if (state.Snapshot().Replicas[0].LastExitCode is not null)
            {
                // It will not get better by restarting: stop the restart loop and say why.
                await StopAsync();
                var tail = string.Join(Environment.NewLine, state.Logs.Tail(8).Select(line => line.Text).Where(text => !text.StartsWith("[apphost]", StringComparison.Ordinal)));
                throw CorruptFolder(DataFolder, $"PostgreSQL stopped while starting. Its last lines:{Environment.NewLine}{tail}{Environment.NewLine}");
            }
            if (context.Time.GetUtcNow() > deadline)
            {
                throw new DistributedApplicationException($"PostgreSQL did not accept connections within {ReadyTimeout.TotalSeconds:0} s; see its console log in the dashboard.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.Time, cancellationToken);
        }
    }

    private async Task CreateDatabasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        foreach (var database in resource.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"")}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                LogDatabaseCreated(context.Logger, database.DatabaseName);
            }
        }
    }

    private async Task<string> AdminConnectionStringAsync(CancellationToken cancellationToken) =>
        await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) + ";Database=postgres;Timeout=2;Pooling=false";

    private static ProcessSpec RunAs(string program, IReadOnlyList<string> arguments) => RunAsPostgresUser
        ? new ProcessSpec("runuser", ["-u", "postgres", "--", program, .. arguments], new Dictionary<string, string>(), "/tmp")
        : new ProcessSpec(program, arguments, new Dictionary<string, string>(), "/tmp");

    private static Task ChownAsync(string path, CancellationToken cancellationToken) => RunAsPostgresUser
        ? ProcessUtilities.RunCheckedAsync(new ProcessSpec("chown", ["-R", "postgres:postgres", path], new Dictionary<string, string>(), "/"), cancellationToken)
        : Task.CompletedTask;

    /// <summary>Signals the postmaster named in postmaster.pid (under runuser, the child we started is not the postmaster).</summary>
    private static bool SignalPostmaster(string folder, int signal) =>
        ReadPostmasterPid(folder) is { } pid && NativeProcess.Signal(pid, signal);

    private static int? ReadPostmasterPid(string folder)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(folder, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A postmaster from a killed AppHost still holds the folder: stop it (fast shutdown) before starting ours.</summary>
    private async Task StopLeftoverPostmasterAsync(string folder, CancellationToken cancellationToken)
    {
        if (ReadPostmasterPid(folder) is not { } pid || !NativeProcess.IsAlive(pid) || !IsPostgres(pid))
        {
            return;
        }
        LogStoppingLeftover(context.Logger, pid);
        NativeProcess.Signal(pid, NativeProcess.SigInt);
        var deadline = Stopwatch.StartNew();
        while (NativeProcess.IsAlive(pid) && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100, cancellationToken);
        }
        if (NativeProcess.IsAlive(pid))
        {
            NativeProcess.Signal(pid, NativeProcess.SigKill);
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogDatabaseCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping a PostgreSQL server (pid {Pid}) left running by an earlier AppHost")]
    private static partial void LogStoppingLeftover(ILogger logger, int pid);
}
