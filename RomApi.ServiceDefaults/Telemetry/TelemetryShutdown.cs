using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RomApi.ServiceDefaults.Telemetry;

/// <summary>
/// Once the service has stopped, sends what telemetry is left and shuts the exporters down, giving them
/// <see cref="Timeout"/> in all. Left to the providers' disposal, the last export waits out its timeout and retries when the
/// collector has already gone, as the Aspire dashboard has by the time DCP stops a service: a service then takes seconds to
/// exit after SIGTERM instead of at once, and stopping the AppHost waits for it.
/// </summary>
public sealed class TelemetryShutdown(IServiceProvider services) : IHostedLifecycleService
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var milliseconds = (int)Timeout.TotalMilliseconds;
        // In parallel, so the three share the one timeout.
        var shutdowns = new Action?[]
        {
            services.GetService<TracerProvider>() is { } traces ? () => traces.Shutdown(milliseconds) : null,
            services.GetService<MeterProvider>() is { } metrics ? () => metrics.Shutdown(milliseconds) : null,
            services.GetService<LoggerProvider>() is { } logs ? () => logs.Shutdown(milliseconds) : null,
        };
        return Task.WhenAll(shutdowns.OfType<Action>().Select(shutdown => Task.Run(shutdown, CancellationToken.None)));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
