using Npgsql;

namespace RomApi.Hosting.Local;

public static partial class LocalPostgresExtensions
{
    private static bool RunAsPostgresUser => Environment.IsPrivilegedProcess;

    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string dataFolder)
    {
        var bin = FindBinaries(builder.Configuration["AppHost:PostgresBinDirectory"]);
        var postgresProgram = Path.Combine(bin, "postgres");
        var server = new LocalPostgresServerResource(name, password.Resource, dataFolder, RunAsPostgresUser ? "setpriv" : postgresProgram);
        var port = FreePorts.Of(builder).PortOrFree(0);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (@event, ct) =>
            PrepareDataFolderAsync(server, bin, @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(name), ct));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (@event, ct) => CreateDatabasesAsync(server, @event.Services, ct));
        builder.Services.AddHostedService(services => new FastShutdown(server, services.GetRequiredService<IHostApplicationLifetime>()));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => ProbeAsync(server, "postgres", ct));

        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: port, name: LocalPostgresServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                if (RunAsPostgresUser)
                {
                    // setpriv replaces itself with postgres: the process DCP watches and stops is the postmaster.
                    foreach (var argument in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", "--", postgresProgram })
                    {
                        context.Args.Add(argument);
                    }
                }
                foreach (var argument in new[]
                {
                    "-D", dataFolder, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300",
                })
                {
                    context.Args.Add(argument);
                }
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> builder, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, name, builder.Resource);
        builder.Resource.Databases[name] = name;
        builder.Resource.DatabaseResources.Add(database);
        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => ProbeAsync(builder.Resource, name, ct));
        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithHealthCheck(healthCheckKey);
    }

    public static string FindBinaries(string? configured, string libraryRoot = "/usr/lib/postgresql", string? pathVariable = null)
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
                $"PostgreSQL server binaries were not found (looked for 'postgres' and 'initdb' in {libraryRoot}/*/bin and on PATH). " +
                "Install them with: apt-get install -y postgresql (or set AppHost__PostgresBinDirectory to the folder holding them).");
    }

    private static async Task CreateDatabasesAsync(LocalPostgresServerResource server, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(server.Name);
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync(server, "postgres", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        foreach (var database in server.Databases.Values)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                LogDatabaseCreated(logger, database);
            }
        }
        // Aspire gives a child resource its parent's state only for the stock kinds; a database of an executable is announced
        // here, once it exists, so that WaitFor(database) and its health check start.
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in server.DatabaseResources)
        {
            await notifications.PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties = [.. state.Properties, new ResourcePropertySnapshot(CustomResourceKnownProperties.Source, database.DatabaseName)],
            });
        }
    }

    private static async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> ProbeAsync(
        LocalPostgresServerResource server, string database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync(server, database, cancellationToken));
            await connection.OpenAsync(cancellationToken);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    private static async Task<string> AdminConnectionStringAsync(LocalPostgresServerResource server, string database, CancellationToken cancellationToken) =>
        await server.ConnectionStringExpression.GetValueAsync(cancellationToken) + $";Database={database};Timeout=2;Pooling=false";

    /// <summary>
    /// DCP stops executables with SIGTERM, PostgreSQL's "smart" shutdown, which waits for every client to hang up. SIGINT first
    /// (a fast shutdown) lets the AppHost stop in a second and leave no postmaster behind.
    /// </summary>
    private sealed class FastShutdown(LocalPostgresServerResource server, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(() =>
            {
                if (PostmasterPid(server.DataFolder) is { } pid)
                {
                    _ = Posix.Kill(pid, Posix.SigInt);
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static int? PostmasterPid(string folder)
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogDatabaseCreated(ILogger logger, string database);
}
