using RomApi.Hosting.ApplicationModel;
using System.Diagnostics;
using System.Reflection;

namespace RomApi.Hosting.Testing;

/// <summary>
/// The equivalent of Aspire's DistributedApplicationTestingBuilder: runs an AppHost's Program.cs up to Build(), takes its model,
/// and lets a test start that same topology on random ports in a throw-away data folder.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<TestingAppHost> CreateAsync<TAppHost>(params string[] args) where TAppHost : IProjectMetadata, new()
    {
        var assemblyName = Path.GetFileNameWithoutExtension(new TAppHost().TargetPath);
        var entryPoint = Assembly.Load(new AssemblyName(assemblyName)).EntryPoint
            ?? throw new InvalidOperationException($"{assemblyName} has no entry point.");

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"romapi-test-{Guid.NewGuid():N}"[..24]);
        string[] testArgs =
        [
            $"--AppHost:DataDirectory={dataDirectory}",
            "--AppHost:GatewayPort=0",
            "--AppHost:DashboardPort=0",
            .. args,
        ];

        var captured = CaptureBuilder(entryPoint, testArgs);
        return Task.FromResult(new TestingAppHost(captured, dataDirectory));
    }

    /// <summary>Runs the entry point on this thread until Program.cs calls Build(), then stops it there and keeps the builder.</summary>
    private static IDistributedApplicationBuilder CaptureBuilder(MethodInfo entryPoint, string[] args)
    {
        var thread = Environment.CurrentManagedThreadId;
        IDistributedApplicationBuilder? captured = null;
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new ListenerObserver(listener =>
        {
            if (listener.Name != HostingDiagnostics.ListenerName)
            {
                return null;
            }
            return listener.Subscribe(new EventObserver(pair =>
            {
                if (pair.Key == HostingDiagnostics.BeforeBuildEvent && Environment.CurrentManagedThreadId == thread && captured is null)
                {
                    captured = (IDistributedApplicationBuilder)pair.Value!;
                    throw new BuilderCapturedException();
                }
            }));
        }));

        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is BuilderCapturedException)
        {
            // Expected: Program.cs was stopped at Build().
        }
        return captured ?? throw new InvalidOperationException("The AppHost's Program.cs did not call Build().");
    }

    private sealed class BuilderCapturedException : Exception;

    private sealed class ListenerObserver(Func<DiagnosticListener, IDisposable?> onListener) : IObserver<DiagnosticListener>
    {
        private readonly List<IDisposable> _subscriptions = [];
        public void OnNext(DiagnosticListener value)
        {
            if (onListener(value) is { } subscription)
            {
                _subscriptions.Add(subscription);
            }
        }
        public void OnCompleted() => _subscriptions.ForEach(s => s.Dispose());
        public void OnError(Exception error) { }
    }

    private sealed class EventObserver(Action<KeyValuePair<string, object?>> onEvent) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => onEvent(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}

/// <summary>The captured model, ready to be changed by a test and then built and started.</summary>
public sealed class TestingAppHost(IDistributedApplicationBuilder builder, string dataDirectory)
{
    public IDistributedApplicationBuilder Builder => builder;
    public string DataDirectory => dataDirectory;

    public IResourceBuilder<T> GetResource<T>(string name) where T : IResource =>
        new ResourceBuilder<T>(builder, builder.Resources.OfType<T>().Single(r => r.Name == name));

    public async Task<TestingApplication> BuildAndStartAsync(CancellationToken cancellationToken = default)
    {
        var app = builder.Build();
        var testing = new TestingApplication(app, dataDirectory);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await testing.DisposeAsync();
            throw;
        }
        return testing;
    }
}

/// <summary>A started application that deletes its data folder when disposed.</summary>
public sealed class TestingApplication(DistributedApplication app, string dataDirectory) : IAsyncDisposable
{
    public DistributedApplication App => app;

    public HttpClient CreateHttpClient(string resourceName) => app.CreateHttpClient(resourceName);

    public ValueTask<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        app.GetConnectionStringAsync(resourceName, cancellationToken);

    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        app.WaitForResourceHealthyAsync(resourceName, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test run for.
        }
    }
}
