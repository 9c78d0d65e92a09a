using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace RomApi.Tests.ServiceDefaults;

public sealed class StartupHealthLogTests
{
    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private sealed class Switch
    {
        public bool Up { get; set; }
    }

    [Fact]
    public async Task Failed_health_checks_are_not_logged_until_the_service_has_been_healthy_once_and_are_after()
    {
        var database = new Switch();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Logging.AddFakeLogging();
        builder.Services.AddHealthChecks().AddCheck("database",
            () => database.Up ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("migrations not applied yet"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var logs = app.Services.GetRequiredService<FakeLogCollector>();
        int HealthErrors() => logs.GetSnapshot().Count(record =>
            record.Category == HealthCheckServiceCategory && record.Level == LogLevel.Error);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        }
        Assert.Equal(0, HealthErrors());

        database.Up = true;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        database.Up = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);

        Assert.Equal(1, HealthErrors());
        Assert.Contains(logs.GetSnapshot(), record => record.Level == LogLevel.Error && record.Message.Contains("database", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), record =>
            record.Category == HealthCheckServiceCategory && record.Level < LogLevel.Warning);
        await app.StopAsync();
    }
}
