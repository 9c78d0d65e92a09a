using Npgsql;
using RomApi.Hosting.Orchestration;

namespace RomApi.Tests.Orchestration;

public sealed class PostgresSetupTests
{
    private static (IDistributedApplicationBuilder Builder, string Data) NewModel()
    {
        var data = Path.Combine(Path.GetTempPath(), $"romapi-pg-{Guid.NewGuid():N}"[..22]);
        var builder = DistributedApplication.CreateBuilder([$"--AppHost:DataDirectory={data}", "--AppHost:DashboardPort=0"]);
        builder.AddPostgres("pg").WithDataVolume("pgdata").AddDatabase("appdb");
        return (builder, data);
    }

    [Fact]
    public async Task A_private_cluster_is_initialised_its_database_created_and_its_data_kept_across_restarts()
    {
        var (builder, data) = NewModel();
        await using (var app = new TestingApplication(builder.Build(), data))
        {
            await app.App.StartAsync();
            await app.WaitForResourceHealthyAsync("appdb");
            await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("appdb"));
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')", connection).ExecuteNonQueryAsync();
            await app.App.StopAsync();

            // Same data folder, new application: the row is still there and the generated password still works.
            var again = DistributedApplication.CreateBuilder([$"--AppHost:DataDirectory={data}", "--AppHost:DashboardPort=0"]);
            again.AddPostgres("pg").WithDataVolume("pgdata").AddDatabase("appdb");
            await using var second = again.Build();
            await second.StartAsync();
            await second.WaitForResourceHealthyAsync("appdb");
            await using var reconnect = new NpgsqlConnection(await second.GetConnectionStringAsync("appdb"));
            await reconnect.OpenAsync();
            Assert.Equal("survives", await new NpgsqlCommand("SELECT v FROM kept", reconnect).ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task A_folder_that_is_not_a_postgres_data_folder_is_refused_with_a_message_naming_the_fix()
    {
        var (builder, data) = NewModel();
        var folder = Path.Combine(data, "postgres", "pgdata");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "garbage.txt"), "not postgres");

        await using var app = new TestingApplication(builder.Build(), data);
        await app.App.StartAsync();
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.WaitForResourceHealthyAsync("pg"));

        Assert.Contains(folder, error.Message);
        Assert.Contains("AppHost__DataDirectory", error.Message);
        Assert.Equal("FailedToStart", app.App.States["appdb"].Snapshot().State);
    }

    [Fact]
    public async Task A_damaged_cluster_is_reported_with_postgres_own_words_and_the_fix()
    {
        var (builder, data) = NewModel();
        await using (var first = new TestingApplication(builder.Build(), data))
        {
            await first.App.StartAsync();
            await first.WaitForResourceHealthyAsync("pg");
            await first.App.StopAsync();
            File.Delete(Path.Combine(data, "postgres", "pgdata", "global", "pg_control"));

            var again = DistributedApplication.CreateBuilder([$"--AppHost:DataDirectory={data}", "--AppHost:DashboardPort=0"]);
            again.AddPostgres("pg").WithDataVolume("pgdata");
            await using var second = again.Build();
            await second.StartAsync();
            var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => second.WaitForResourceHealthyAsync("pg"));

            Assert.Contains("PostgreSQL stopped while starting", error.Message);
            Assert.Contains("pg_control", error.Message);
            Assert.Contains("Move or delete that folder", error.Message);
        }
    }

    [Fact]
    public void Missing_postgres_binaries_are_reported_with_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("romapi-nopg").FullName;

        var error = Assert.Throws<DistributedApplicationException>(() => PostgresRunner.FindBinaries(null, empty, pathVariable: empty));

        Assert.Contains("apt-get install -y postgresql", error.Message);
        Assert.Contains("AppHost__PostgresBinDirectory", error.Message);
    }
}
