using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RomApi.Hosting.ApplicationModel;
using RomApi.Hosting.Dashboard;
using RomApi.Hosting.Orchestration;
using RomApi.Hosting.Publishing;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RomApi.Hosting;

/// <summary>
/// The application: in publish mode it writes the manifest; in run mode it starts the dashboard and the orchestrator,
/// and stops everything on Ctrl+C or SIGTERM.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private WebApplication? _dashboard;
    private Orchestrator? _orchestrator;

    internal DistributedApplication(DistributedApplicationBuilder builder, string[] args)
    {
        _builder = builder;
        Args = args;
        Options = builder.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
        Data = new DataDirectory(Options.DataDirectory ?? DataDirectory.ResolveDefault(builder.AppHostDirectory));
        States = new ResourceStateStore(builder.Resources, Options.LogLinesPerResource);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        new DistributedApplicationBuilder(args, Assembly.GetCallingAssembly());

    internal string[] Args { get; }
    public AppHostOptions Options { get; }
    public DataDirectory Data { get; }
    public ResourceStateStore States { get; }
    public IReadOnlyList<IResource> Resources => _builder.Resources;
    public IDistributedApplicationBuilder Builder => _builder;

    /// <summary>The dashboard's address once started.</summary>
    public Uri? DashboardUrl { get; private set; }

    // The synchronous entry point Program.cs calls, as Aspire's and the generic host's Run() are.
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_builder.ExecutionContext.IsPublishMode)
        {
            await PublishAsync(cancellationToken);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        var clock = Stopwatch.StartNew();
        try
        {
            await StartAsync(stop.Token);
            Console.WriteLine($"ROMAPI AppHost: dashboard on {DashboardUrl} (data folder {Data.Root}). Starting {States.All.Count()} resources...");
            await ReportProgressAsync(clock, stop.Token);
            var gateway = Resources.OfType<ProjectResource>().FirstOrDefault(project => project.IsExternal);
            Console.WriteLine($"All resources healthy in {clock.Elapsed.TotalSeconds:0.0} s.");
            Console.WriteLine($"  Dashboard: {DashboardUrl}");
            if (gateway is not null)
            {
                Console.WriteLine($"  Gateway:   http://localhost:{gateway.AllocatedPorts[0]}");
            }
            Console.WriteLine("Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("Stopping...");
        }
        catch (DistributedApplicationException exception)
        {
            // The root causes first; what merely waited for them follows.
            var causes = States.All.Select(state => (state.Name, Snapshot: state.Snapshot(), state.FailedBecauseOfDependency))
                .Where(failed => failed.Snapshot.State == ResourceStateNames.FailedToStart)
                .OrderBy(failed => failed.FailedBecauseOfDependency)
                .Select(failed => $"{failed.Name}: {failed.Snapshot.Message}")
                .ToList();
            await Console.Error.WriteLineAsync(causes.Count == 0 ? $"error: {exception.Message}" : $"error: {string.Join(Environment.NewLine + "       ", causes)}");
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync();
        }
    }

    private async Task ReportProgressAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var pending = States.All.ToDictionary(state => state.HealthyOnce, state => state.Name);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending.Keys).WaitAsync(cancellationToken);
            await done;
            Console.WriteLine($"  {pending[done],-18} healthy   {clock.Elapsed.TotalSeconds,5:0.0} s");
            pending.Remove(done);
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var publisher = _builder.Configuration["Publishing:Publisher"];
        if (publisher != "manifest")
        {
            await Console.Error.WriteLineAsync($"error: unknown publisher '{publisher}'; the only publisher is 'manifest'.");
            Environment.ExitCode = 1;
            return;
        }
        var output = _builder.Configuration["Publishing:OutputPath"] ?? "aspire-manifest.json";
        var path = Path.GetFullPath(Path.Combine(_builder.AppHostDirectory, output));
        await ManifestPublisher.WriteAsync(_builder, path, cancellationToken);
        Console.WriteLine($"Wrote the manifest to {path}");
    }

    /// <summary>Starts the dashboard and launches every resource; does not wait for them to be healthy.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Options.DashboardPort != 0)
        {
            Ports.EnsureFree(Options.DashboardPort, "the dashboard", "AppHost__DashboardPort");
        }
        // Port 0 goes through the same allocator as every other port, so no service is handed the dashboard's.
        _dashboard = DashboardHost.Create(Options.DashboardPort == 0 ? Ports.GetFree() : Options.DashboardPort, States);
        await _dashboard.StartAsync(cancellationToken);
        DashboardUrl = DashboardHost.GetAddress(_dashboard);

        _orchestrator = new Orchestrator(Resources, _builder.Configuration, Options, Data, States, TimeProvider.System,
            _dashboard.Services.GetRequiredService<ILoggerFactory>(), new Uri(DashboardUrl, "/"));
        await _orchestrator.StartAsync(cancellationToken);
    }

    public Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default) =>
        Orchestrator.WaitForAllHealthyAsync(cancellationToken);

    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        States[name].HealthyOnce.WaitAsync(cancellationToken);

    /// <summary>An HttpClient for the http endpoint of a project (its first replica).</summary>
    public HttpClient CreateHttpClient(string resourceName)
    {
        var project = Resources.OfType<ProjectResource>().Single(p => string.Equals(p.Name, resourceName, StringComparison.OrdinalIgnoreCase));
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{project.AllocatedPorts[0]}") };
    }

    public ValueTask<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Resources.OfType<IResourceWithConnectionString>().Single(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase)) is var resource
            ? new ConnectionStringReference(resource).GetValueAsync(cancellationToken)
            : ValueTask.FromResult<string?>(null);

    private Orchestrator Orchestrator => _orchestrator ?? throw new InvalidOperationException("The application is not started.");

    public async Task StopAsync()
    {
        if (_orchestrator is not null)
        {
            await _orchestrator.StopAsync();
        }
        if (_dashboard is not null)
        {
            await _dashboard.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_orchestrator is not null)
        {
            await _orchestrator.DisposeAsync();
        }
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
    }
}
