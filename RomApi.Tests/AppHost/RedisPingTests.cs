namespace RomApi.Tests.AppHost;

/// <summary>The cache's readiness check against the real local caches: redis-server (where installed) and Garnet.</summary>
public sealed class RedisPingTests
{
    private const string Password = "local-test-cache-password-0123456789";

    [Fact]
    public void A_command_is_a_RESP_array_of_bulk_strings_counted_in_bytes()
    {
        Assert.Equal("*2\r\n$4\r\nAUTH\r\n$6\r\nmotdé\r\n*1\r\n$4\r\nPING\r\n",
            Encoding.UTF8.GetString([.. RedisPing.Command("AUTH", "motdé"), .. RedisPing.Command("PING")]));
    }

    [Theory]
    [InlineData("redis-server where installed")]
    [InlineData("Garnet", "--PATH=/nonexistent/romapi-no-redis-server")]
    public async Task The_right_password_is_healthy_a_wrong_one_is_refused_without_saying_it_and_a_closed_port_is_unhealthy(
        string server, params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = args,
            AssemblyName = "RomApi.AppHost",
            DisableDashboard = true,
        });
        var password = builder.AddParameter("cache-password", Password, secret: true);
        var cache = builder.AddLocalRedis("cache", password, Path.Combine(Path.GetTempPath(), $"romapi-redis-{Guid.NewGuid():N}"[..25]));
        await using var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
        var port = cache.Resource.PrimaryEndpoint.Port;

        var right = await RedisPing.CheckAsync(port, Password, timeout.Token);
        var wrong = await RedisPing.CheckAsync(port, "not-the-password", timeout.Token);
        var closed = await RedisPing.CheckAsync(ClosedPort(), Password, timeout.Token);

        Assert.True(right.Status == HealthStatus.Healthy, $"{server}: {right.Description}");
        Assert.Equal(HealthStatus.Unhealthy, wrong.Status);
        Assert.StartsWith("AUTH answered -", wrong.Description);
        Assert.DoesNotContain("not-the-password", wrong.Description);
        Assert.Equal(HealthStatus.Unhealthy, closed.Status);
    }

    /// <summary>A port nothing listens on: one the system just gave out and took back.</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
