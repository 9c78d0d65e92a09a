using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RomApi.Tests.Infrastructure;

namespace RomApi.Tests.WholeSystem.Startup;

/// <summary>
/// A system of its own, started cold (an empty data folder), that keeps what a start writes: every console line of the four
/// services, from their first, and the AppHost's state lines ("+12.3 s gateway-abcd: Running, Healthy"). Nothing else runs on
/// it, so whatever these logs hold was written by the start itself.
/// </summary>
public sealed class StartupFixture : SystemFixture, IAsyncLifetime
{
    public static readonly string[] Services = ["analyticsservice", "resourceservice", "searchservice", "gateway"];

    private readonly ConcurrentQueue<ServiceLine> _serviceLines = new();
    private readonly CancellationTokenSource _stopWatching = new();

    /// <summary>The AppHost's state lines, in the order it wrote them.</summary>
    public RecordingLoggerProvider AppHostLog { get; } = new(StateLogCategory);

    public const string StateLogCategory = "RomApi.AppHost.LocalResources.ResourceStateLog";

    public IReadOnlyList<ServiceLine> ServiceLines => [.. _serviceLines];

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.Services.AddLogging(logging => logging.AddProvider(AppHostLog).AddFilter<RecordingLoggerProvider>(StateLogCategory, LogLevel.Information));

    protected override void OnBuilt(DistributedApplication app)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var service in model.Resources.Where(resource => Services.Contains(resource.Name)))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(service).WithCancellation(_stopWatching.Token))
                    {
                        foreach (var line in batch)
                        {
                            _serviceLines.Enqueue(new ServiceLine(service.Name, line.Content, line.IsErrorMessage));
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The fixture is being disposed.
                }
            });
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await base.DisposeAsync();
        _stopWatching.Dispose();
    }
}

public sealed record ServiceLine(string Service, string Content, bool IsStandardError);

/// <summary>Keeps the formatted messages of one category, in order.</summary>
public sealed class RecordingLoggerProvider(string category) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => categoryName == category ? new Recorder(_messages) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}

[CollectionDefinition(Name)]
public sealed class StartupCollection : ICollectionFixture<StartupFixture>
{
    public const string Name = "clean start";
}
