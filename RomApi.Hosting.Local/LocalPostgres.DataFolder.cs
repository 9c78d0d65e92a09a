namespace RomApi.Hosting.Local;

/// <summary>The cluster's data folder: created on first start (initdb), checked on every start, owned by postgres when root.</summary>
public static partial class LocalPostgresExtensions
{
    private static async Task PrepareDataFolderAsync(LocalPostgresServerResource server, string bin, ILogger logger, CancellationToken cancellationToken)
    {
        var folder = server.DataFolder;
        var parent = Path.GetDirectoryName(folder)!;
        CreateEnterable(parent);
        if (File.Exists(Path.Combine(folder, "PG_VERSION")))
        {
            var dataVersion = (await File.ReadAllTextAsync(Path.Combine(folder, "PG_VERSION"), cancellationToken)).Trim();
            var binVersion = Path.GetFileName(Path.GetDirectoryName(bin));
            if (int.TryParse(binVersion, out _) && dataVersion != binVersion)
            {
                throw CorruptFolder(folder, $"it was made by PostgreSQL {dataVersion} but the server found is PostgreSQL {binVersion}");
            }
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
        await File.WriteAllTextAsync(passwordFile, await server.PasswordParameter.GetValueAsync(cancellationToken), cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ChownAsync(passwordFile, cancellationToken);
        try
        {
            LogInitdb(logger, folder);
            var initdb = Path.Combine(bin, "initdb");
            string[] arguments = ["-D", folder, "-U", LocalPostgresServerResource.UserName, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-locale"];
            var (exitCode, output) = RunAsPostgresUser
                ? await HostTools.RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", initdb, .. arguments], cancellationToken)
                : await HostTools.RunAsync(initdb, arguments, cancellationToken);
            if (exitCode != 0)
            {
                throw new DistributedApplicationException($"initdb failed for '{folder}' (exit code {exitCode}): {output.Trim()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static void CreateEnterable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            // As root, the postgres user must be able to enter every folder on the way to its data.
            for (var directory = new DirectoryInfo(folder); directory is not null && RunAsPostgresUser; directory = directory.Parent)
            {
                if (directory.FullName is "/" or "/tmp")
                {
                    break;
                }
                directory.UnixFileMode |= UnixFileMode.OtherExecute | UnixFileMode.GroupExecute;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DistributedApplicationException(
                $"Cannot create the data folder '{folder}': {exception.Message} Set AppHost__DataDirectory to a folder you can write.", exception);
        }
    }

    private static Task ChownAsync(string path, CancellationToken cancellationToken) => RunAsPostgresUser
        ? HostTools.RunCheckedAsync("chown", ["-R", "postgres:postgres", path], cancellationToken)
        : Task.CompletedTask;

    private static DistributedApplicationException CorruptFolder(string folder, string why) => new(
        $"The PostgreSQL data folder '{folder}' cannot be used: {why}. " +
        "Move or delete that folder to start with an empty database, or set AppHost__DataDirectory to another folder.");

    [LoggerMessage(Level = LogLevel.Information, Message = "initdb {Folder}")]
    private static partial void LogInitdb(ILogger logger, string folder);
}
