namespace RomApi.Tests.Infrastructure;

/// <summary>
/// The whole system (PostgreSQL, Redis, search, four services), started once per test collection from the real AppHost through
/// Aspire.Hosting.Testing, on free ports and in a throw-away data folder.
/// </summary>
public class SystemFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private DistributedApplication? _app;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"romapi-test-{Guid.NewGuid():N}"[..24]);

    public SystemFixture() => Credentials = new GatewayCredentials(this);

    /// <summary>Real users, the seeded admin and API keys, as the gateway issues them.</summary>
    public GatewayCredentials Credentials { get; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system is not started.");

    public async Task InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RomApi_AppHost>(
            [$"--AppHost:DataDirectory={_dataDirectory}", "--AppHost:GatewayPort=0", "--AppHost:DashboardPort=0", .. AppHostArguments],
            (options, _) => options.DisableDashboard = !WithDashboard);
        // The whole suite shares this system and calls from one loopback address, so the per-IP and per-user limits must not
        // decide a test's outcome (a faster machine packs more requests into a minute). LimitsFixture tests the limits on its own system.
        appHost.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("Limits__PerMinuteByPlan__FREE", "1000000")
            .WithEnvironment("Limits__AnonymousPerMinute", "1000000");
        Configure(appHost);
        _app = await appHost.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.WaitForAllHealthyAsync(timeout.Token);
        await OnStartedAsync();
    }

    /// <summary>Where a system of its own reads what it needs of the started system (replica addresses, say).</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files; the folder is under /tmp.
        }
    }

    /// <summary>The AppHost's command-line arguments (a system of its own may change run-mode settings).</summary>
    protected virtual string[] AppHostArguments => [];

    /// <summary>Whether this system runs the Aspire dashboard (and so sends it telemetry).</summary>
    protected virtual bool WithDashboard => false;

    /// <summary>Where a system of its own (a subclass) changes the topology or settings before it starts.</summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder appHost)
    {
    }

    public HttpClient CreateGatewayClient() => App.CreateHttpClient("gateway", "http");
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "whole system";
}
