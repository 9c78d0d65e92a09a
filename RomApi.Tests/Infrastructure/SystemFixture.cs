namespace RomApi.Tests.Infrastructure;

/// <summary>The whole system (PostgreSQL, Redis, search, four services, dashboard), started once per test run from the real AppHost.</summary>
public class SystemFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private TestingApplication? _application;

    public SystemFixture() => Credentials = new GatewayCredentials(this);

    /// <summary>Real users, the seeded admin and API keys, as the gateway issues them.</summary>
    public GatewayCredentials Credentials { get; }

    public TestingApplication Application => _application ?? throw new InvalidOperationException("The system is not started.");
    public DistributedApplication App => Application.App;

    public async Task InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RomApi_AppHost>(AppHostArguments);
        // The whole suite shares this system and calls from one loopback address, so the per-IP and per-user limits must not
        // decide a test's outcome (a faster machine packs more requests into a minute). LimitsFixture tests the limits on its own system.
        appHost.GetResource<ProjectResource>("gateway")
            .WithEnvironment("Limits__PerMinuteByPlan__FREE", "1000000")
            .WithEnvironment("Limits__AnonymousPerMinute", "1000000");
        Configure(appHost);
        _application = await appHost.BuildAndStartAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _application.App.WaitForAllHealthyAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_application is not null)
        {
            await _application.DisposeAsync();
        }
    }

    /// <summary>The AppHost's command-line arguments (a system of its own may change orchestrator settings).</summary>
    protected virtual string[] AppHostArguments => [];

    /// <summary>Where a system of its own (a subclass) changes the topology or settings before it starts.</summary>
    protected virtual void Configure(TestingAppHost appHost)
    {
    }

    public HttpClient CreateGatewayClient() => Application.CreateHttpClient("gateway");
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "whole system";
}
