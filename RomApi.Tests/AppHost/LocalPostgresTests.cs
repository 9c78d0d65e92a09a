namespace RomApi.Tests.AppHost;

/// <summary>The run-mode PostgreSQL resource on its own: initdb, databases, a data folder that survives restarts, clear refusals.</summary>
public sealed class LocalPostgresTests
{
    private const string Password = "local-test-password-0123456789";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private static IDistributedApplicationBuilder NewModel(string folder)
    {
        // A model of its own, not the AppHost's topology: only the resource under test. The AppHost assembly names DCP.
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [],
            AssemblyName = "RomApi.AppHost",
            DisableDashboard = true,
        });
        var password = builder.AddParameter("pg-password", Password, secret: true);
        builder.AddLocalPostgres("pg", password, folder).AddDatabase("appdb");
        return builder;
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), $"romapi-pg-{Guid.NewGuid():N}"[..22], "data");

    [Fact]
    public async Task A_cluster_is_initialised_its_database_created_and_its_rows_kept_across_a_restart()
    {
        var folder = NewFolder();
        await using (var first = NewModel(folder).Build())
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await first.StartAsync(timeout.Token);
            await first.ResourceNotifications.WaitForResourceHealthyAsync("appdb", timeout.Token);
            await using var connection = new NpgsqlConnection(await first.GetConnectionStringAsync("appdb"));
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')", connection).ExecuteNonQueryAsync();
            await first.StopAsync();
        }
        Assert.True(File.Exists(Path.Combine(folder, "PG_VERSION")));
        // Stopping the application shut PostgreSQL down cleanly: the postmaster removes its pid file on the way out.
        await Eventually.UntilAsync(() => Task.FromResult(File.Exists(Path.Combine(folder, "postmaster.pid"))), exists => !exists,
            TimeSpan.FromSeconds(30), "PostgreSQL to shut down with the application");

        // Same data folder, new application: the database and its row are still there.
        await using var second = NewModel(folder).Build();
        using (var timeout = new CancellationTokenSource(StartTimeout))
        {
            await second.StartAsync(timeout.Token);
            await second.ResourceNotifications.WaitForResourceHealthyAsync("appdb", timeout.Token);
        }
        await using var reconnect = new NpgsqlConnection(await second.GetConnectionStringAsync("appdb"));
        await reconnect.OpenAsync();
        Assert.Equal("survives", await new NpgsqlCommand("SELECT v FROM kept", reconnect).ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_folder_that_is_not_a_postgres_data_folder_is_refused_with_a_message_naming_the_fix()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "garbage.txt"), "not postgres");

        await using var app = NewModel(folder).Build();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.StartAsync(timeout.Token);
        var failed = await app.ResourceNotifications.WaitForResourceAsync("pg",
            update => update.Snapshot.State?.Text == KnownResourceStates.FailedToStart, timeout.Token);

        var logs = await app.LogLinesAsync("pg");
        var report = string.Join("\n", logs.Select(line => line.Content));
        Assert.Equal(KnownResourceStates.FailedToStart, failed.Snapshot.State?.Text);
        Assert.Contains(folder, report);
        Assert.Contains("AppHost__DataDirectory", report);
        Assert.False(File.Exists(Path.Combine(folder, "PG_VERSION")), "initdb ran over a folder that was not its own");
    }

    [Fact]
    public void Missing_postgres_binaries_are_reported_with_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("romapi-nopg").FullName;

        var error = Assert.Throws<DistributedApplicationException>(() => LocalPostgresExtensions.FindBinaries(null, empty, pathVariable: empty));

        Assert.Contains("apt-get install -y postgresql", error.Message);
        Assert.Contains("AppHost__PostgresBinDirectory", error.Message);
    }
}
