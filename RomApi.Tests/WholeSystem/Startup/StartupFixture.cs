using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RomApi.Tests.WholeSystem.Startup;

/// <summary>
/// A system of its own, started cold (an empty data folder), whose logs are the start's own: nothing else runs on it. Its
/// services' console lines are read from Aspire (which replays them from the first), the AppHost's state lines ("+12.3 s
/// gateway-abcd: Running, Healthy") are recorded as the AppHost writes them.
/// </summary>
public sealed class StartupFixture : SystemFixture
{
    public static readonly string[] Services = ["analyticsservice", "resourceservice", "searchservice", "gateway"];

    /// <summary>The AppHost's state lines, in the order it wrote them.</summary>
    public RecordingLoggerProvider AppHostLog { get; } = new(StateLogCategory);

    public const string StateLogCategory = "RomApi.Hosting.Local.ResourceStateLog";

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.Services.AddLogging(logging => logging.AddProvider(AppHostLog).AddFilter<RecordingLoggerProvider>(StateLogCategory, LogLevel.Information));

    /// <summary>Every console line each service has written so far (Aspire replays a resource's backlog to a new reader).</summary>
    public async Task<IReadOnlyList<ServiceLine>> ServiceLinesAsync()
    {
        var lines = new List<ServiceLine>();
        foreach (var service in Services)
        {
            lines.AddRange((await App.LogLinesAsync(service)).Select(line => new ServiceLine(service, line.Content, line.IsErrorMessage)));
        }
        return lines;
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
